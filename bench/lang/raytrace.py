# raytrace.py — a small ray tracer in the shape of pyperformance's
# "raytrace" benchmark (our own version), written for the `lang` section of
# bench/run.sh (reclaim's interpreter vs python3).
#
# Usage: python3 raytrace.py [SIZE]           (reclaim raytrace.py [SIZE])
#
# Renders a SIZE x SIZE image of a scene with three spheres (one a mirror)
# standing on a checkerboard floor plane, lit by two point lights: for each
# pixel a ray from the camera is traced to the nearest surface, coloured by
# ambient light plus Lambert shading from every light that no object shadows,
# plus a Phong highlight, and reflected up to three times on reflective
# surfaces.  Each pixel's colour is clamped and rounded to three 0..255
# channels, which are folded into a checksum modulo a prime; the program
# prints that checksum and the mean brightness with six decimals.  Every
# value comes from float arithmetic in a fixed order, so any interpreter with
# IEEE doubles prints the same lines.
#
# The work is a Vector class with operator methods (__add__, __sub__,
# __mul__, __rmul__, __neg__): a new small object for almost every operation,
# method calls, attribute access, and float arithmetic.  There is no `math`
# module in the interpreter subset: square roots are `** 0.5` and the floor
# used by the checkerboard is a two-line function; no imports beyond sys.
import sys

MODULUS = 1000000007
EPSILON = 1e-6
MAX_DEPTH = 3


class Vector:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other):
        return Vector(self.x - other.x, self.y - other.y, self.z - other.z)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k, self.z * k)

    __rmul__ = __mul__

    def __neg__(self):
        return Vector(-self.x, -self.y, -self.z)

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z

    def cross(self, other):
        return Vector(self.y * other.z - self.z * other.y,
                      self.z * other.x - self.x * other.z,
                      self.x * other.y - self.y * other.x)

    def length(self):
        return self.dot(self) ** 0.5

    def normalized(self):
        return self * (1.0 / self.length())

    def reflected(self, normal):
        # the mirror image of this direction about a unit normal
        return self - normal * (2.0 * self.dot(normal))

    def blend(self, other):
        # componentwise product (colour filtering)
        return Vector(self.x * other.x, self.y * other.y, self.z * other.z)


BLACK = Vector(0.0, 0.0, 0.0)
WHITE = Vector(1.0, 1.0, 1.0)


def floor_int(v):
    i = int(v)
    return i - 1 if v < i else i


class Ray:
    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction.normalized()

    def at(self, t):
        return self.origin + self.direction * t


class Sphere:
    def __init__(self, center, radius, material):
        self.center = center
        self.radius = radius
        self.material = material

    def hit(self, ray):
        # smallest t > EPSILON with |origin + t dir - center| = radius, or None
        oc = ray.origin - self.center
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return None
        root = disc ** 0.5
        t = -b - root
        if t > EPSILON:
            return t
        t = -b + root
        if t > EPSILON:
            return t
        return None

    def normal_at(self, p):
        return (p - self.center).normalized()


class Plane:
    def __init__(self, point, normal, material):
        self.point = point
        self.normal = normal.normalized()
        self.material = material

    def hit(self, ray):
        denom = ray.direction.dot(self.normal)
        if -EPSILON < denom < EPSILON:
            return None
        t = (self.point - ray.origin).dot(self.normal) / denom
        return t if t > EPSILON else None

    def normal_at(self, p):
        return self.normal


class Material:
    def __init__(self, colour, reflectivity, ambient=0.1, diffuse=0.7, specular=0.4):
        self.colour = colour
        self.reflectivity = reflectivity
        self.ambient = ambient
        self.diffuse = diffuse
        self.specular = specular

    def colour_at(self, p):
        return self.colour


class Checker(Material):
    def __init__(self, colour, other, reflectivity, size):
        Material.__init__(self, colour, reflectivity)
        self.other = other
        self.size = size

    def colour_at(self, p):
        if (floor_int(p.x / self.size) + floor_int(p.z / self.size)) % 2 == 0:
            return self.colour
        return self.other


class Light:
    def __init__(self, position, colour):
        self.position = position
        self.colour = colour


class Scene:
    def __init__(self):
        self.objects = []
        self.lights = []
        self.eye = Vector(0.0, 1.8, 10.0)
        self.look_at = Vector(0.0, 3.0, 0.0)
        self.sky = Vector(0.05, 0.05, 0.15)

    def nearest(self, ray):
        best_t = None
        best = None
        for obj in self.objects:
            t = obj.hit(ray)
            if t is not None and (best_t is None or t < best_t):
                best_t = t
                best = obj
        return best, best_t

    def in_shadow(self, p, light):
        to_light = light.position - p
        distance = to_light.length()
        ray = Ray(p, to_light)
        for obj in self.objects:
            t = obj.hit(ray)
            if t is not None and t < distance:
                return True
        return False

    def trace(self, ray, depth):
        obj, t = self.nearest(ray)
        if obj is None:
            return self.sky
        p = ray.at(t)
        normal = obj.normal_at(p)
        if normal.dot(ray.direction) > 0.0:
            normal = -normal
        m = obj.material
        base = m.colour_at(p)
        colour = base * m.ambient
        for light in self.lights:
            if self.in_shadow(p, light):
                continue
            to_light = (light.position - p).normalized()
            lambert = normal.dot(to_light)
            if lambert <= 0.0:
                continue
            colour = colour + base.blend(light.colour) * (m.diffuse * lambert)
            half = (to_light - ray.direction).normalized()
            spec = normal.dot(half)
            if spec > 0.0:
                spec = spec * spec
                spec = spec * spec
                spec = spec * spec
                spec = spec * spec       # ** 16, by squaring
                colour = colour + light.colour * (m.specular * spec)
        if m.reflectivity > 0.0 and depth < MAX_DEPTH:
            mirror = Ray(p, ray.direction.reflected(normal))
            colour = colour + self.trace(mirror, depth + 1) * m.reflectivity
        return colour

    def render(self, width, height):
        forward = (self.look_at - self.eye).normalized()
        right = forward.cross(Vector(0.0, 1.0, 0.0)).normalized()
        up = right.cross(forward)
        half_w = 0.6
        half_h = half_w * height / width
        checksum = 0
        brightness = 0.0
        for py in range(height):
            sy = half_h - 2.0 * half_h * (py + 0.5) / height
            row = forward + up * sy
            for px in range(width):
                sx = -half_w + 2.0 * half_w * (px + 0.5) / width
                c = self.trace(Ray(self.eye, row + right * sx), 0)
                for channel in (c.x, c.y, c.z):
                    if channel > 1.0:
                        channel = 1.0
                    elif channel < 0.0:
                        channel = 0.0
                    level = int(channel * 255.0 + 0.5)
                    checksum = (checksum * 257 + level) % MODULUS
                    brightness += level
        return checksum, brightness / (3.0 * 255.0 * width * height)


def build_scene():
    scene = Scene()
    scene.objects.append(Sphere(Vector(0.0, 3.0, -1.0), 2.0,
                                Material(Vector(0.9, 0.9, 0.9), 0.7, diffuse=0.3)))
    scene.objects.append(Sphere(Vector(-3.5, 1.2, 1.5), 1.2,
                                Material(Vector(0.9, 0.2, 0.2), 0.1)))
    scene.objects.append(Sphere(Vector(3.0, 1.0, 2.0), 1.0,
                                Material(Vector(0.2, 0.8, 0.3), 0.2)))
    scene.objects.append(Plane(Vector(0.0, 0.0, 0.0), Vector(0.0, 1.0, 0.0),
                               Checker(Vector(0.95, 0.95, 0.95), Vector(0.1, 0.1, 0.1),
                                       0.25, 1.5)))
    scene.lights.append(Light(Vector(-10.0, 12.0, 10.0), Vector(0.9, 0.9, 0.9)))
    scene.lights.append(Light(Vector(8.0, 6.0, 4.0), Vector(0.4, 0.4, 0.5)))
    return scene


def main():
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    checksum, brightness = build_scene().render(size, size)
    print("%dx%d image checksum %d" % (size, size, checksum))
    print("mean brightness %.6f" % brightness)


main()
