// The public header compiles as C++ and its API links from C++.
#include <reclaim.h>

int main()
{
    rc_config cfg = rc_config();
    cfg.memory_limit = 1 << 20;
    rc_heap *h = rc_heap_new(&cfg);
    if (!h)
        return 1;
    void *p = rc_malloc(h, 10);
    int ok = p != nullptr && rc_usable_size(h, p) == 16 && rc_error(h) == RC_OK;
    rc_free(h, p);
    rc_heap_free(h);
    return ok ? 0 : 1;
}
