/*
 * lang/lineedit.c — the prompt's line editor: a line read from a terminal
 * with the keys python3's prompt has (arrows, Home/End, Backspace/Delete,
 * Ctrl-A/E/K/U/L/D/C, Up/Down through this session's history), with
 * nothing beyond POSIX termios.
 *
 * The terminal is in raw mode only while a line is being read, and is put
 * back before lx_readline returns (a signal aside: Ctrl-C arrives as a key,
 * since ISIG is off while reading).  The line is redrawn whole after each
 * change (prompt, text, clear to the end, cursor back): short lines, one
 * write a key.  Bytes are UTF-8: the cursor moves over whole characters.
 * History keeps the last LINEEDIT_HISTORY lines, not written to disk.
 */
#include "core.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define LINEEDIT_HISTORY 500

static char *history[LINEEDIT_HISTORY];
static int history_len;

static char *copy_of(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    return c ? memcpy(c, s, n) : NULL;
}

static void history_add(const char *line)
{
    if (!*line || (history_len && strcmp(history[history_len - 1], line) == 0))
        return;
    char *copy = copy_of(line);
    if (!copy)
        return;
    if (history_len == LINEEDIT_HISTORY) {
        free(history[0]);
        memmove(history, history + 1, (LINEEDIT_HISTORY - 1) * sizeof *history);
        history_len--;
    }
    history[history_len++] = copy;
}

void lx_lineedit_free_history(void)
{
    for (int i = 0; i < history_len; i++)
        free(history[i]);
    history_len = 0;
}

typedef struct editor {
    char *buf;
    size_t cap, len, pos;          /* bytes; pos on a character boundary */
    const char *prompt;
} editor;

static void out(const char *s, size_t n)
{
    while (n) {
        ssize_t w = write(STDOUT_FILENO, s, n);
        if (w <= 0 && errno != EINTR)
            return;
        if (w > 0) {
            s += w;
            n -= (size_t)w;
        }
    }
}

/* Prompt and text again, the rest of the line cleared, the cursor at pos. */
static void redraw(const editor *e)
{
    char seq[64];
    out("\r", 1);
    out(e->prompt, strlen(e->prompt));
    out(e->buf, e->len);
    out("\x1b[K", 3);
    size_t back = 0;                     /* characters after the cursor */
    for (size_t i = e->pos; i < e->len; i++)
        back += ((unsigned char)e->buf[i] & 0xC0) != 0x80;
    if (back) {
        int n = snprintf(seq, sizeof seq, "\x1b[%zuD", back);
        out(seq, (size_t)n);
    }
}

static size_t prev_char(const editor *e, size_t i)
{
    while (i > 0 && ((unsigned char)e->buf[--i] & 0xC0) == 0x80)
        ;
    return i;
}

static size_t next_char(const editor *e, size_t i)
{
    if (i < e->len)
        i++;
    while (i < e->len && ((unsigned char)e->buf[i] & 0xC0) == 0x80)
        i++;
    return i;
}

static void set_text(editor *e, const char *s)
{
    size_t n = strlen(s);
    if (n >= e->cap)
        n = e->cap - 1;
    memcpy(e->buf, s, n);
    e->len = e->pos = n;
}

static void insert(editor *e, const char *s, size_t n)
{
    if (e->len + n >= e->cap)
        return;
    memmove(e->buf + e->pos + n, e->buf + e->pos, e->len - e->pos);
    memcpy(e->buf + e->pos, s, n);
    e->len += n;
    e->pos += n;
}

static void erase(editor *e, size_t from, size_t to)
{
    memmove(e->buf + from, e->buf + to, e->len - to);
    e->len -= to - from;
    e->pos = from;
}

static int read_byte(unsigned char *c)
{
    for (;;) {
        ssize_t r = read(STDIN_FILENO, c, 1);
        if (r == 1)
            return 1;
        if (r == 0 || errno != EINTR)
            return 0;
    }
}

/* An escape sequence after ESC: the arrow or editing key it is, or 0. */
enum { K_UP = 1, K_DOWN, K_RIGHT, K_LEFT, K_HOME, K_END, K_DEL };
static int read_escape(void)
{
    unsigned char a, b;
    if (!read_byte(&a) || !read_byte(&b))
        return 0;
    if (a == 'O')
        return b == 'H' ? K_HOME : b == 'F' ? K_END : 0;
    if (a != '[')
        return 0;
    switch (b) {
    case 'A': return K_UP;
    case 'B': return K_DOWN;
    case 'C': return K_RIGHT;
    case 'D': return K_LEFT;
    case 'H': return K_HOME;
    case 'F': return K_END;
    default: break;
    }
    if (b >= '0' && b <= '9') {          /* ESC [ n ~ */
        unsigned char t;
        if (!read_byte(&t) || t != '~')
            return 0;
        return b == '3' ? K_DEL : (b == '1' || b == '7') ? K_HOME : (b == '4' || b == '8') ? K_END : 0;
    }
    return 0;
}

/* Edit one line; 1 when Enter ended it, 0 at end of input (Ctrl-D on an
 * empty line), -1 when Ctrl-C abandoned it. */
static int edit(editor *e)
{
    int hist = history_len;              /* history_len: the line being written */
    char *draft = NULL;                  /* that line, while the history is shown */
    int result = 0;
    redraw(e);
    for (;;) {
        unsigned char c;
        if (!read_byte(&c)) {
            result = e->len ? 1 : 0;
            break;
        }
        if (c == '\r' || c == '\n') {
            result = 1;
            break;
        }
        if (c == 3) {                    /* Ctrl-C */
            result = -1;
            break;
        }
        if (c == 4) {                    /* Ctrl-D: end of input on an empty line */
            if (!e->len) {
                result = 0;
                break;
            }
            if (e->pos < e->len)
                erase(e, e->pos, next_char(e, e->pos));
        } else if (c == 127 || c == 8) {
            if (e->pos)
                erase(e, prev_char(e, e->pos), e->pos);
        } else if (c == 1) {
            e->pos = 0;
        } else if (c == 5) {
            e->pos = e->len;
        } else if (c == 11) {            /* Ctrl-K: to the end */
            e->len = e->pos;
        } else if (c == 21) {            /* Ctrl-U: to the start */
            erase(e, 0, e->pos);
        } else if (c == 12) {            /* Ctrl-L: clear the screen */
            out("\x1b[H\x1b[2J", 7);
        } else if (c == 27) {
            int k = read_escape();
            if (k == K_LEFT && e->pos)
                e->pos = prev_char(e, e->pos);
            else if (k == K_RIGHT)
                e->pos = next_char(e, e->pos);
            else if (k == K_HOME)
                e->pos = 0;
            else if (k == K_END)
                e->pos = e->len;
            else if (k == K_DEL && e->pos < e->len)
                erase(e, e->pos, next_char(e, e->pos));
            else if ((k == K_UP && hist > 0) || (k == K_DOWN && hist < history_len)) {
                if (hist == history_len) {
                    e->buf[e->len] = 0;
                    free(draft);
                    draft = copy_of(e->buf);
                }
                hist += k == K_UP ? -1 : 1;
                set_text(e, hist == history_len ? (draft ? draft : "") : history[hist]);
            }
        } else if (c >= 32 || c == '\t') {
            char bytes[4] = {(char)c};
            size_t n = 1;
            int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
            for (int i = 0; i < more && read_byte((unsigned char *)&bytes[n]); i++)
                n++;
            insert(e, bytes, n);
        }
        redraw(e);
    }
    free(draft);
    e->buf[e->len] = 0;
    return result;
}

int lx_readline(const char *prompt, char *buf, size_t cap, int *interrupted)
{
    *interrupted = 0;
    struct termios saved, raw;
    if (cap < 2 || tcgetattr(STDIN_FILENO, &saved) < 0)
        return -1;
    raw = saved;
    raw.c_iflag &= ~(tcflag_t)(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
    raw.c_lflag &= ~(tcflag_t)(ECHO | ICANON | IEXTEN | ISIG);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) < 0)
        return -1;
    editor e = {.buf = buf, .cap = cap - 1, .prompt = prompt};
    int r = edit(&e);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    out("\r\n", 2);
    if (r < 0) {
        *interrupted = 1;
        buf[0] = 0;
        return 1;
    }
    if (r == 0)
        return 0;
    history_add(buf);
    size_t n = strlen(buf);
    buf[n] = '\n';
    buf[n + 1] = 0;
    return 1;
}
