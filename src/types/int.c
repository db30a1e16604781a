/*
 * int.c — 64-bit integers, the small-int cache, bool, None, and the generic
 * rc_hash / rc_equal that dict keys go through.
 *
 * Values -5..256 are static immortal objects shared by every heap
 * (rc_int_new(h, 7) is always the same object, as in CPython); others are
 * allocated in the heap.  Arithmetic checks for overflow: a 64-bit int that
 * would wrap is an error (RC_ERANGE), never a wrong value.
 *
 * Numbers that compare equal hash equal across int, bool, float and big
 * int (1 == 1.0 == True), the rule that lets them share dict keys; the
 * hash is CPython's modular one (bigint.c).  Values outside int64 are big
 * ints (bigint.c), never objects of this type.
 */
#define RC_BUILDING_LIBRARY 1
#include "../internal.h"

typedef rc_int_object rc_int;   /* the layout reclaim.h publishes */
_Static_assert(sizeof(rc_int) == OBJECT24_SIZE, "ints live in 24-byte blocks");

static int64_t int_hash(rc_object *self);
static int int_eq(rc_object *self, rc_object *other);

const rc_type rc_int_type = {
    .name = "int", .size = sizeof(rc_int), .hash = int_hash, .eq = int_eq,
};
const rc_type rc_bool_type = {
    .name = "bool", .size = sizeof(rc_int), .hash = int_hash, .eq = int_eq,
};
const rc_type rc_none_type = {.name = "NoneType", .size = sizeof(rc_object)};

#define SMALL_INT_MIN RC_SMALL_INT_MIN
#define SMALL_INT_MAX RC_SMALL_INT_MAX
#define SMALL_INT(v) {{IMMORTAL_STATIC, &rc_int_type}, (v)}

static rc_int small_ints[SMALL_INT_MAX - SMALL_INT_MIN + 1] = {
    SMALL_INT(-5),
    SMALL_INT(-4),
    SMALL_INT(-3),
    SMALL_INT(-2),
    SMALL_INT(-1),
    SMALL_INT(0),
    SMALL_INT(1),
    SMALL_INT(2),
    SMALL_INT(3),
    SMALL_INT(4),
    SMALL_INT(5),
    SMALL_INT(6),
    SMALL_INT(7),
    SMALL_INT(8),
    SMALL_INT(9),
    SMALL_INT(10),
    SMALL_INT(11),
    SMALL_INT(12),
    SMALL_INT(13),
    SMALL_INT(14),
    SMALL_INT(15),
    SMALL_INT(16),
    SMALL_INT(17),
    SMALL_INT(18),
    SMALL_INT(19),
    SMALL_INT(20),
    SMALL_INT(21),
    SMALL_INT(22),
    SMALL_INT(23),
    SMALL_INT(24),
    SMALL_INT(25),
    SMALL_INT(26),
    SMALL_INT(27),
    SMALL_INT(28),
    SMALL_INT(29),
    SMALL_INT(30),
    SMALL_INT(31),
    SMALL_INT(32),
    SMALL_INT(33),
    SMALL_INT(34),
    SMALL_INT(35),
    SMALL_INT(36),
    SMALL_INT(37),
    SMALL_INT(38),
    SMALL_INT(39),
    SMALL_INT(40),
    SMALL_INT(41),
    SMALL_INT(42),
    SMALL_INT(43),
    SMALL_INT(44),
    SMALL_INT(45),
    SMALL_INT(46),
    SMALL_INT(47),
    SMALL_INT(48),
    SMALL_INT(49),
    SMALL_INT(50),
    SMALL_INT(51),
    SMALL_INT(52),
    SMALL_INT(53),
    SMALL_INT(54),
    SMALL_INT(55),
    SMALL_INT(56),
    SMALL_INT(57),
    SMALL_INT(58),
    SMALL_INT(59),
    SMALL_INT(60),
    SMALL_INT(61),
    SMALL_INT(62),
    SMALL_INT(63),
    SMALL_INT(64),
    SMALL_INT(65),
    SMALL_INT(66),
    SMALL_INT(67),
    SMALL_INT(68),
    SMALL_INT(69),
    SMALL_INT(70),
    SMALL_INT(71),
    SMALL_INT(72),
    SMALL_INT(73),
    SMALL_INT(74),
    SMALL_INT(75),
    SMALL_INT(76),
    SMALL_INT(77),
    SMALL_INT(78),
    SMALL_INT(79),
    SMALL_INT(80),
    SMALL_INT(81),
    SMALL_INT(82),
    SMALL_INT(83),
    SMALL_INT(84),
    SMALL_INT(85),
    SMALL_INT(86),
    SMALL_INT(87),
    SMALL_INT(88),
    SMALL_INT(89),
    SMALL_INT(90),
    SMALL_INT(91),
    SMALL_INT(92),
    SMALL_INT(93),
    SMALL_INT(94),
    SMALL_INT(95),
    SMALL_INT(96),
    SMALL_INT(97),
    SMALL_INT(98),
    SMALL_INT(99),
    SMALL_INT(100),
    SMALL_INT(101),
    SMALL_INT(102),
    SMALL_INT(103),
    SMALL_INT(104),
    SMALL_INT(105),
    SMALL_INT(106),
    SMALL_INT(107),
    SMALL_INT(108),
    SMALL_INT(109),
    SMALL_INT(110),
    SMALL_INT(111),
    SMALL_INT(112),
    SMALL_INT(113),
    SMALL_INT(114),
    SMALL_INT(115),
    SMALL_INT(116),
    SMALL_INT(117),
    SMALL_INT(118),
    SMALL_INT(119),
    SMALL_INT(120),
    SMALL_INT(121),
    SMALL_INT(122),
    SMALL_INT(123),
    SMALL_INT(124),
    SMALL_INT(125),
    SMALL_INT(126),
    SMALL_INT(127),
    SMALL_INT(128),
    SMALL_INT(129),
    SMALL_INT(130),
    SMALL_INT(131),
    SMALL_INT(132),
    SMALL_INT(133),
    SMALL_INT(134),
    SMALL_INT(135),
    SMALL_INT(136),
    SMALL_INT(137),
    SMALL_INT(138),
    SMALL_INT(139),
    SMALL_INT(140),
    SMALL_INT(141),
    SMALL_INT(142),
    SMALL_INT(143),
    SMALL_INT(144),
    SMALL_INT(145),
    SMALL_INT(146),
    SMALL_INT(147),
    SMALL_INT(148),
    SMALL_INT(149),
    SMALL_INT(150),
    SMALL_INT(151),
    SMALL_INT(152),
    SMALL_INT(153),
    SMALL_INT(154),
    SMALL_INT(155),
    SMALL_INT(156),
    SMALL_INT(157),
    SMALL_INT(158),
    SMALL_INT(159),
    SMALL_INT(160),
    SMALL_INT(161),
    SMALL_INT(162),
    SMALL_INT(163),
    SMALL_INT(164),
    SMALL_INT(165),
    SMALL_INT(166),
    SMALL_INT(167),
    SMALL_INT(168),
    SMALL_INT(169),
    SMALL_INT(170),
    SMALL_INT(171),
    SMALL_INT(172),
    SMALL_INT(173),
    SMALL_INT(174),
    SMALL_INT(175),
    SMALL_INT(176),
    SMALL_INT(177),
    SMALL_INT(178),
    SMALL_INT(179),
    SMALL_INT(180),
    SMALL_INT(181),
    SMALL_INT(182),
    SMALL_INT(183),
    SMALL_INT(184),
    SMALL_INT(185),
    SMALL_INT(186),
    SMALL_INT(187),
    SMALL_INT(188),
    SMALL_INT(189),
    SMALL_INT(190),
    SMALL_INT(191),
    SMALL_INT(192),
    SMALL_INT(193),
    SMALL_INT(194),
    SMALL_INT(195),
    SMALL_INT(196),
    SMALL_INT(197),
    SMALL_INT(198),
    SMALL_INT(199),
    SMALL_INT(200),
    SMALL_INT(201),
    SMALL_INT(202),
    SMALL_INT(203),
    SMALL_INT(204),
    SMALL_INT(205),
    SMALL_INT(206),
    SMALL_INT(207),
    SMALL_INT(208),
    SMALL_INT(209),
    SMALL_INT(210),
    SMALL_INT(211),
    SMALL_INT(212),
    SMALL_INT(213),
    SMALL_INT(214),
    SMALL_INT(215),
    SMALL_INT(216),
    SMALL_INT(217),
    SMALL_INT(218),
    SMALL_INT(219),
    SMALL_INT(220),
    SMALL_INT(221),
    SMALL_INT(222),
    SMALL_INT(223),
    SMALL_INT(224),
    SMALL_INT(225),
    SMALL_INT(226),
    SMALL_INT(227),
    SMALL_INT(228),
    SMALL_INT(229),
    SMALL_INT(230),
    SMALL_INT(231),
    SMALL_INT(232),
    SMALL_INT(233),
    SMALL_INT(234),
    SMALL_INT(235),
    SMALL_INT(236),
    SMALL_INT(237),
    SMALL_INT(238),
    SMALL_INT(239),
    SMALL_INT(240),
    SMALL_INT(241),
    SMALL_INT(242),
    SMALL_INT(243),
    SMALL_INT(244),
    SMALL_INT(245),
    SMALL_INT(246),
    SMALL_INT(247),
    SMALL_INT(248),
    SMALL_INT(249),
    SMALL_INT(250),
    SMALL_INT(251),
    SMALL_INT(252),
    SMALL_INT(253),
    SMALL_INT(254),
    SMALL_INT(255),
    SMALL_INT(256)
};
static rc_int bool_false = {{IMMORTAL_STATIC, &rc_bool_type}, 0};
static rc_int bool_true = {{IMMORTAL_STATIC, &rc_bool_type}, 1};
static rc_object none_object = {IMMORTAL_STATIC, &rc_none_type};

rc_object *rc_none(void) { return &none_object; }
rc_object *rc_true(void) { return &bool_true.ob; }
rc_object *rc_false(void) { return &bool_false.ob; }
rc_object *rc_bool(int v) { return v ? &bool_true.ob : &bool_false.ob; }

/* Set RC_ETYPE on the object's heap, if it has one. */
void rc__type_error(const rc_object *o, const char *want)
{
    rc_heap *h = o ? rc_heap_of(o) : NULL;
    if (h)
        rc__heap_set_error(h, RC_ETYPE, "expected %s, got '%s'", want, o->type->name);
}

static bool is_int(const rc_object *o)
{
    return o && (o->type == &rc_int_type || o->type == &rc_bool_type);
}

rc_object *rc_int_new(rc_heap *h, int64_t v)
{
    if (v >= SMALL_INT_MIN && v <= SMALL_INT_MAX)
        return &small_ints[v - SMALL_INT_MIN].ob;
    rc_int *o = (rc_int *)object_new24(h, &rc_int_type);
    if (!o)
        return NULL;
    o->value = v;
    return &o->ob;
}

int64_t rc_int_value(const rc_object *o)
{
    if (!is_int(o)) {
        rc__type_error(o, "int");
        return 0;
    }
    return ((const rc_int *)o)->value;
}

typedef bool (*checked_op)(int64_t a, int64_t b, int64_t *out);
static bool op_add(int64_t a, int64_t b, int64_t *out) { return __builtin_add_overflow(a, b, out); }
static bool op_sub(int64_t a, int64_t b, int64_t *out) { return __builtin_sub_overflow(a, b, out); }
static bool op_mul(int64_t a, int64_t b, int64_t *out) { return __builtin_mul_overflow(a, b, out); }

static rc_object *int_arith(rc_heap *h, const rc_object *a, const rc_object *b, checked_op op)
{
    if (!is_int(a) || !is_int(b)) {
        rc__heap_set_error(h, RC_ETYPE, "unsupported operand types: '%s' and '%s'",
                           a ? a->type->name : "NULL", b ? b->type->name : "NULL");
        return NULL;
    }
    int64_t r;
    if (op(((const rc_int *)a)->value, ((const rc_int *)b)->value, &r)) {
        rc__heap_set_error(h, RC_ERANGE, "integer overflow: result does not fit in 64 bits");
        return NULL;
    }
    return rc_int_new(h, r);
}

rc_object *rc_int_add(rc_heap *h, const rc_object *a, const rc_object *b) { return int_arith(h, a, b, op_add); }
rc_object *rc_int_sub(rc_heap *h, const rc_object *a, const rc_object *b) { return int_arith(h, a, b, op_sub); }
rc_object *rc_int_mul(rc_heap *h, const rc_object *a, const rc_object *b) { return int_arith(h, a, b, op_mul); }

/* ---- hashing and equality --------------------------------------------------------- */

/* CPython's: sign * (|v| mod 2**61 - 1), and -1 (an error in a hash slot)
 * becomes -2.  |v| < 2**61 - 1 is its own residue: one compare. */
int64_t rc__hash_int64(int64_t v)
{
    const int64_t modulus = ((int64_t)1 << 61) - 1;
    if (v > -modulus && v < modulus)
        return v == -1 ? -2 : v;
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int64_t r = (int64_t)(m % (uint64_t)modulus);
    return v < 0 ? (r == 1 ? -2 : -r) : r;
}

static int64_t int_hash(rc_object *self)
{
    return rc__hash_int64(((rc_int *)self)->value);
}

static int int_eq(rc_object *self, rc_object *other)
{
    int64_t v = ((rc_int *)self)->value;
    if (is_int(other))
        return v == ((rc_int *)other)->value;
    if (other->type == &rc_float_type)
        return rc__float_equals_int(other, v);
    return 0;     /* a big int is never in int64 range */
}

int64_t rc_hash(rc_object *o)
{
    if (o->type->hash)
        return o->type->hash(o);
    return rc__hash_int64((int64_t)((uintptr_t)o >> 4));
}

int rc_equal(rc_object *a, rc_object *b)
{
    if (a == b)
        return 1;
    if (rc_unlikely(b->type->flags & RC_TYPE_EQ_FIRST) && b->type != a->type && b->type->eq)
        return b->type->eq(b, a);
    if (a->type->eq)
        return a->type->eq(a, b);
    if (b->type->eq)
        return b->type->eq(b, a);
    return 0;
}
