# nbody.py — the benchmarks-game n-body program (our own version), written
# for the `lang` section of bench/run.sh (reclaim's interpreter vs python3).
#
# Usage: python3 nbody.py [STEPS]             (reclaim nbody.py [STEPS])
#
# A Jovian-planets model: the Sun, Jupiter, Saturn, Uranus and Neptune,
# positions in AU, velocities in AU per year scaled by 365.24, masses in
# units where the Sun's is 4 * pi ** 2 (G = 1).  The Sun's velocity is first
# set so that the system's total momentum is zero; then the orbits are
# advanced STEPS times with a symplectic-Euler step of dt = 0.01 over every
# pair of bodies.  The total energy (kinetic plus potential) is printed with
# nine decimals before and after: pure float arithmetic, so any interpreter
# with IEEE doubles prints the same two lines.
#
# Floating-point work with few allocations: the bodies are lists of seven
# floats updated in place, the pairs a precomputed list of tuples.  There is
# no `math` module in the interpreter subset, so the square root is `** 0.5`;
# no imports beyond sys.
import sys

PI = 3.14159265358979323
SOLAR_MASS = 4.0 * PI * PI
DAYS_PER_YEAR = 365.24

# index of each field in a body list
X, Y, Z, VX, VY, VZ, MASS = 0, 1, 2, 3, 4, 5, 6


def make_body(x, y, z, vx, vy, vz, mass):
    return [x, y, z,
            vx * DAYS_PER_YEAR, vy * DAYS_PER_YEAR, vz * DAYS_PER_YEAR,
            mass * SOLAR_MASS]


def make_system():
    sun = make_body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0)
    jupiter = make_body(4.84143144246472090e+00,
                        -1.16032004402742839e+00,
                        -1.03622044471123109e-01,
                        1.66007664274403694e-03,
                        7.69901118419740425e-03,
                        -6.90460016972063023e-05,
                        9.54791938424326609e-04)
    saturn = make_body(8.34336671824457987e+00,
                       4.12479856412430479e+00,
                       -4.03523417114321381e-01,
                       -2.76742510726862411e-03,
                       4.99852801234917238e-03,
                       2.30417297573763929e-05,
                       2.85885980666130812e-04)
    uranus = make_body(1.28943695621391310e+01,
                       -1.51111514016986312e+01,
                       -2.23307578892655734e-01,
                       2.96460137564761618e-03,
                       2.37847173959480950e-03,
                       -2.96589568540237556e-05,
                       4.36624404335156298e-05)
    neptune = make_body(1.53796971148509165e+01,
                        -2.59193146099879641e+01,
                        1.79258772950371181e-01,
                        2.68067772490389322e-03,
                        1.62824170038242295e-03,
                        -9.51592254519715870e-05,
                        5.15138902046611451e-05)
    return [sun, jupiter, saturn, uranus, neptune]


def all_pairs(bodies):
    pairs = []
    n = len(bodies)
    for i in range(n):
        for j in range(i + 1, n):
            pairs.append((bodies[i], bodies[j]))
    return pairs


def offset_momentum(bodies):
    px = py = pz = 0.0
    for b in bodies:
        m = b[MASS]
        px += b[VX] * m
        py += b[VY] * m
        pz += b[VZ] * m
    sun = bodies[0]
    sun[VX] = -px / SOLAR_MASS
    sun[VY] = -py / SOLAR_MASS
    sun[VZ] = -pz / SOLAR_MASS


def energy(bodies, pairs):
    e = 0.0
    for b in bodies:
        e += 0.5 * b[MASS] * (b[VX] * b[VX] + b[VY] * b[VY] + b[VZ] * b[VZ])
    for a, b in pairs:
        dx = a[X] - b[X]
        dy = a[Y] - b[Y]
        dz = a[Z] - b[Z]
        e -= a[MASS] * b[MASS] / (dx * dx + dy * dy + dz * dz) ** 0.5
    return e


def advance(bodies, pairs, dt, steps):
    for _ in range(steps):
        # velocities from the pairwise forces
        for a, b in pairs:
            dx = a[0] - b[0]
            dy = a[1] - b[1]
            dz = a[2] - b[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * d2 ** 0.5)
            mb = b[6] * mag
            ma = a[6] * mag
            a[3] -= dx * mb
            a[4] -= dy * mb
            a[5] -= dz * mb
            b[3] += dx * ma
            b[4] += dy * ma
            b[5] += dz * ma
        # then positions from the new velocities
        for b in bodies:
            b[0] += dt * b[3]
            b[1] += dt * b[4]
            b[2] += dt * b[5]


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
    bodies = make_system()
    pairs = all_pairs(bodies)
    offset_momentum(bodies)
    print("%.9f" % energy(bodies, pairs))
    advance(bodies, pairs, 0.01, steps)
    print("%.9f" % energy(bodies, pairs))


main()
