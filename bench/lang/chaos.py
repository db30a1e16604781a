# chaos.py — the chaos game drawing a fractal from spline and affine maps, in
# the shape of pyperformance's "chaos" benchmark (our own version), written
# for the `lang` section of bench/run.sh (reclaim's interpreter vs python3).
#
# Usage: python3 chaos.py [POINTS]            (reclaim chaos.py [POINTS])
#
# The chaos game: start at a point, then POINTS times pick one of a fixed set
# of maps at random (weighted) and move the point to its image; the points
# visited, after a few warm-up steps, are counted into a small grid of
# WIDTH x HEIGHT cells.  The maps act on the unit square of the drawing's
# bounding box:
#   - a spline map lays the square along a B-spline curve as a band of a
#     given thickness: y picks the parameter along the curve (evaluated with
#     de Boor's algorithm on a clamped knot vector), x the offset across it,
#     along the unit normal of the curve (from a finite-difference tangent);
#     its weight is the curve's length, measured as a polyline;
#   - an affine map takes (x, y) to (a x + b y + e, c x + d y + f), a
#     contraction that folds the picture into a corner of itself.
# A point that leaves the bounding box is pulled back onto its edge.  The
# random choices come from the `random` module seeded with a fixed int, so
# CPython and any interpreter that reproduces CPython's Mersenne Twister
# sequence visit the same points.  The program prints the number of cells
# hit, the largest count, a checksum of the grid and a coarse picture of it;
# integers and characters only.
#
# The work is a small vector class with operator methods, a new object for
# nearly every step of de Boor's recurrence, list slicing and indexing, method
# calls, float arithmetic and math.sqrt.
import math
import random
import sys

SEED = 1234
WIDTH = 128
HEIGHT = 96
WARM_UP = 20
THICKNESS = 0.3
TANGENT_STEP = 1e-3
MODULUS = 1000000007
PICTURE_COLUMNS = 64
PICTURE_ROWS = 24
SHADES = " .:-=+*#%@"


class Vec:
    """A point or a direction in the plane."""

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)

    def __mul__(self, factor):
        return Vec(self.x * factor, self.y * factor)

    def lerp(self, other, t):
        """The point a fraction t of the way from self to other."""
        s = 1.0 - t
        return Vec(self.x * s + other.x * t, self.y * s + other.y * t)

    def length(self):
        return math.sqrt(self.x * self.x + self.y * self.y)


class BSpline:
    """A B-spline of the given degree over control points, on the clamped
    uniform knot vector 0 (degree + 1 times), 1, 2, ..., m (degree + 1 times):
    the curve starts at the first control point and ends at the last."""

    def __init__(self, points, degree):
        if len(points) <= degree:
            raise ValueError("a B-spline of degree %d needs %d points"
                             % (degree, degree + 1))
        self.points = points
        self.degree = degree
        last = len(points) - degree
        self.knots = [0] * degree + list(range(last + 1)) + [last] * degree
        self.low = 0.0
        self.high = float(last)

    def span(self, u):
        """The index k of the knot interval [knots[k], knots[k+1]) holding u."""
        k = self.degree
        end = len(self.points) - 1
        knots = self.knots
        while k < end and knots[k + 1] <= u:
            k += 1
        return k

    def __call__(self, u):
        """The curve's point at parameter u, by de Boor's algorithm."""
        p = self.degree
        k = self.span(u)
        knots = self.knots
        d = self.points[k - p:k + 1]
        for r in range(1, p + 1):
            for j in range(p, r - 1, -1):
                left = knots[j + k - p]
                alpha = (u - left) / (knots[j + 1 + k - r] - left)
                d[j] = d[j - 1].lerp(d[j], alpha)
        return d[p]

    def polyline_length(self, pieces):
        step = (self.high - self.low) / pieces
        total = 0.0
        previous = self(self.low)
        for i in range(1, pieces + 1):
            point = self(self.low + step * i)
            total += (point - previous).length()
            previous = point
        return total


class Box:
    """An axis-aligned rectangle, for going to and from the unit square."""

    def __init__(self, x0, y0, x1, y1):
        self.x0 = x0
        self.y0 = y0
        self.width = x1 - x0
        self.height = y1 - y0

    def to_unit(self, point):
        return ((point.x - self.x0) / self.width, (point.y - self.y0) / self.height)

    def from_unit(self, x, y):
        return Vec(self.x0 + x * self.width, self.y0 + y * self.height)

    def clamp(self, point):
        x, y = self.to_unit(point)
        if 0.0 <= x <= 1.0 and 0.0 <= y <= 1.0:
            return point
        return self.from_unit(min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0))


class SplineMap:
    """The unit square laid along a curve as a band THICKNESS wide."""

    def __init__(self, spline, thickness):
        self.spline = spline
        self.thickness = thickness
        self.weight = spline.polyline_length(32)

    def apply(self, x, y, box):
        curve = self.spline
        u = curve.low + y * (curve.high - curve.low)
        base = curve(u)
        if u + TANGENT_STEP <= curve.high:
            tangent = curve(u + TANGENT_STEP) - base
        else:
            tangent = base - curve(u - TANGENT_STEP)
        size = tangent.length()
        normal = Vec(-tangent.y / size, tangent.x / size)
        return base + normal * ((x - 0.5) * self.thickness)


class AffineMap:
    """(x, y) -> (a x + b y + e, c x + d y + f) on the unit square."""

    def __init__(self, a, b, c, d, e, f, weight):
        self.a, self.b, self.c, self.d, self.e, self.f = a, b, c, d, e, f
        self.weight = weight

    def apply(self, x, y, box):
        return box.from_unit(self.a * x + self.b * y + self.e,
                             self.c * x + self.d * y + self.f)


def make_maps():
    wave = BSpline([Vec(0.0, 0.2), Vec(1.0, 0.0), Vec(2.0, 0.6), Vec(3.0, 0.1),
                    Vec(4.0, 0.5), Vec(5.0, 0.2)], 3)
    arch = BSpline([Vec(0.5, 1.0), Vec(1.0, 3.0), Vec(2.5, 4.2), Vec(4.0, 3.0),
                    Vec(4.5, 1.0)], 2)
    spiral = BSpline([Vec(2.5, 2.5), Vec(3.2, 2.0), Vec(3.0, 1.4), Vec(2.2, 1.5),
                      Vec(1.9, 2.4), Vec(2.6, 3.2), Vec(3.6, 2.8)], 3)
    curves = [wave, arch, spiral]
    maps = [SplineMap(curve, THICKNESS) for curve in curves]
    maps.append(AffineMap(0.45, -0.1, 0.1, 0.45, 0.05, 0.5, 1.5))
    maps.append(AffineMap(0.3, 0.0, 0.0, -0.3, 0.6, 0.4, 0.8))
    # B-splines stay in their control points' convex hull: their box,
    # widened by half the band, holds every spline map's image
    xs = [p.x for curve in curves for p in curve.points]
    ys = [p.y for curve in curves for p in curve.points]
    margin = THICKNESS / 2
    box = Box(min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin)
    return maps, box


def pick(maps, cumulative, total):
    r = random.random() * total
    i = 0
    while i < len(cumulative) - 1 and cumulative[i] <= r:
        i += 1
    return maps[i]


def play(points):
    random.seed(SEED)
    maps, box = make_maps()
    cumulative = []
    total = 0.0
    for m in maps:
        total += m.weight
        cumulative.append(total)
    grid = [[0] * WIDTH for _ in range(HEIGHT)]
    point = box.from_unit(random.random(), random.random())
    for step in range(points + WARM_UP):
        x, y = box.to_unit(point)
        point = box.clamp(pick(maps, cumulative, total).apply(x, y, box))
        if step >= WARM_UP:
            x, y = box.to_unit(point)
            column = int(x * (WIDTH - 1) + 0.5)
            row = int((1.0 - y) * (HEIGHT - 1) + 0.5)
            grid[row][column] += 1
    return grid


def picture(grid):
    """A PICTURE_ROWS x PICTURE_COLUMNS rendering, shaded by cell counts."""
    block_w = WIDTH // PICTURE_COLUMNS
    block_h = HEIGHT // PICTURE_ROWS
    blocks = []
    for r in range(PICTURE_ROWS):
        line = []
        for c in range(PICTURE_COLUMNS):
            count = 0
            for row in grid[r * block_h:(r + 1) * block_h]:
                count += sum(row[c * block_w:(c + 1) * block_w])
            line.append(count)
        blocks.append(line)
    top = max(max(line) for line in blocks)
    top = max(top, 1)
    shades = len(SHADES) - 1
    return ["".join(SHADES[(count * shades + top - 1) // top] for count in line).rstrip()
            for line in blocks]


def main():
    points = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
    grid = play(points)
    hit = 0
    largest = 0
    checksum = 0
    for row in grid:
        for count in row:
            if count:
                hit += 1
            largest = max(largest, count)
            checksum = (checksum * 31 + count) % MODULUS
    print("chaos game: %d points, seed %d, %dx%d grid" % (points, SEED, WIDTH, HEIGHT))
    print("cells hit %d, largest count %d, checksum %d" % (hit, largest, checksum))
    for line in picture(grid):
        print("|" + line)


main()
