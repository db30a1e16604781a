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
    // RC_SETREF / RC_CLEAR in C++: each field evaluated once
    rc_object *slots[2] = {nullptr, nullptr};
    rc_object *s = rc_str_from(h, "x");
    int i = 0;
    RC_SETREF(slots[i++], s);               // takes the reference
    ok = ok && i == 1 && slots[0] == s && slots[1] == nullptr;
    i = 0;
    RC_CLEAR(slots[i++]);
    ok = ok && i == 1 && slots[0] == nullptr;
    rc_heap_free(h);
    return ok ? 0 : 1;
}
