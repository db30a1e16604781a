# deltablue.py — the DeltaBlue incremental constraint solver (our own version
# of the classic benchmark by John Maloney and Mario Wolczko, after the
# Smalltalk original and its JavaScript port), written for the `lang` section
# of bench/run.sh (reclaim's interpreter vs python3).
#
# Usage: python3 deltablue.py [SIZE] [ROUNDS]  (reclaim deltablue.py [SIZE] [ROUNDS])
#
# Variables are tied by constraints of a strength (required, strong
# preferred, preferred, strong default, normal, weak default, weakest).  The
# planner keeps the constraints satisfied incrementally: adding a constraint
# satisfies it if it is stronger than what determines its output, which may
# unsatisfy a weaker one that is then retried; removing one propagates new
# walkabout strengths downstream and re-adds the constraints it had kept
# unsatisfied, strongest first.  A plan (the satisfied constraints in
# dataflow order from the input constraints) is then executed repeatedly as
# the edited variable changes.  Constraints: StayConstraint and
# EditConstraint (unary; an edit constraint is an input), EqualityConstraint
# and ScaleConstraint (binary; a scale constraint also reads a scale and an
# offset variable: dest = src * scale + offset, both ways).
#
# Each round runs the benchmark's two tests with SIZE variables:
#   - chain test: SIZE + 1 variables chained by required equalities, a
#     strong-default stay on the last, a preferred edit on the first; the
#     plan is executed for 100 values, each of which must reach the last;
#   - projection test: SIZE pairs src, dst with a normal stay on src and a
#     required dst = src * scale + offset; editing src, dst, scale and offset
#     in turn must give the expected values on the other side.
# The program prints how many checks were made and how many failed, and a
# sum of the final values; integers only (the backward scale divides
# exactly, with //), so any interpreter prints the same lines.
#
# The work is method calls through a small class hierarchy, attribute
# access, list appends, scans and removals; no imports beyond sys.
import sys

NO_DIRECTION = 0
FORWARD = 1
BACKWARD = 2


class Strength:
    """A constraint's strength; a smaller value is stronger."""

    def __init__(self, value, name):
        self.value = value
        self.name = name

    def stronger_than(self, other):
        return self.value < other.value

    def weaker_than(self, other):
        return self.value > other.value

    def weakest_of(self, other):
        return self if self.weaker_than(other) else other

    def next_weaker(self):
        return STRENGTHS[self.value + 1]


REQUIRED = Strength(0, "required")
STRONG_PREFERRED = Strength(1, "strongPreferred")
PREFERRED = Strength(2, "preferred")
STRONG_DEFAULT = Strength(3, "strongDefault")
NORMAL = Strength(4, "normal")
WEAK_DEFAULT = Strength(5, "weakDefault")
WEAKEST = Strength(6, "weakest")
STRENGTHS = [REQUIRED, STRONG_PREFERRED, PREFERRED, STRONG_DEFAULT, NORMAL,
             WEAK_DEFAULT, WEAKEST]


class Variable:
    """A value with the constraints on it and the one that determines it."""

    def __init__(self, name, value=0):
        self.name = name
        self.value = value
        self.constraints = []
        self.determined_by = None
        self.mark = 0
        self.walk_strength = WEAKEST
        self.stay = True

    def add_constraint(self, constraint):
        self.constraints.append(constraint)

    def remove_constraint(self, constraint):
        self.constraints.remove(constraint)
        if self.determined_by is constraint:
            self.determined_by = None


class Constraint:
    """What every constraint shares: adding to and removing from the planner,
    and satisfying itself by choosing a method (an output variable)."""

    def __init__(self, planner, strength):
        self.planner = planner
        self.strength = strength

    def add(self):
        self.add_to_graph()
        self.planner.incremental_add(self)

    def destroy(self):
        if self.is_satisfied():
            self.planner.incremental_remove(self)
        else:
            self.remove_from_graph()

    def is_input(self):
        return False

    def satisfy(self, mark):
        """Satisfies this constraint if it can; returns the constraint it
        overrode (now unsatisfied), or None."""
        self.choose_method(mark)
        if not self.is_satisfied():
            if self.strength is REQUIRED:
                raise RuntimeError("could not satisfy a required constraint")
            return None
        self.mark_inputs(mark)
        out = self.output()
        overridden = out.determined_by
        if overridden is not None:
            overridden.mark_unsatisfied()
        out.determined_by = self
        if not self.planner.add_propagate(self, mark):
            raise RuntimeError("cycle encountered")
        out.mark = mark
        return overridden


class UnaryConstraint(Constraint):
    def __init__(self, planner, variable, strength):
        Constraint.__init__(self, planner, strength)
        self.my_output = variable
        self.satisfied = False
        self.add()

    def add_to_graph(self):
        self.my_output.add_constraint(self)
        self.satisfied = False

    def choose_method(self, mark):
        out = self.my_output
        self.satisfied = out.mark != mark and self.strength.stronger_than(out.walk_strength)

    def is_satisfied(self):
        return self.satisfied

    def mark_inputs(self, mark):
        pass

    def output(self):
        return self.my_output

    def recalculate(self):
        out = self.my_output
        out.walk_strength = self.strength
        out.stay = not self.is_input()
        if out.stay:
            self.execute()

    def mark_unsatisfied(self):
        self.satisfied = False

    def inputs_known(self, mark):
        return True

    def remove_from_graph(self):
        if self.my_output is not None:
            self.my_output.remove_constraint(self)
        self.satisfied = False


class StayConstraint(UnaryConstraint):
    """Keeps a variable's value: the planner may not change it."""

    def execute(self):
        pass


class EditConstraint(UnaryConstraint):
    """Marks a variable the user sets: the input of a plan."""

    def is_input(self):
        return True

    def execute(self):
        pass


class BinaryConstraint(Constraint):
    """A constraint between v1 and v2 that can be satisfied either way:
    FORWARD computes v2 from v1, BACKWARD v1 from v2."""

    def __init__(self, planner, v1, v2, strength):
        Constraint.__init__(self, planner, strength)
        self.v1 = v1
        self.v2 = v2
        self.direction = NO_DIRECTION
        self.add()

    def choose_method(self, mark):
        v1, v2, strength = self.v1, self.v2, self.strength
        if v1.mark == mark:
            if v2.mark != mark and strength.stronger_than(v2.walk_strength):
                self.direction = FORWARD
            else:
                self.direction = NO_DIRECTION
        elif v2.mark == mark:
            if v1.mark != mark and strength.stronger_than(v1.walk_strength):
                self.direction = BACKWARD
            else:
                self.direction = NO_DIRECTION
        elif v1.walk_strength.weaker_than(v2.walk_strength):
            if strength.stronger_than(v1.walk_strength):
                self.direction = BACKWARD
            else:
                self.direction = NO_DIRECTION
        elif strength.stronger_than(v2.walk_strength):
            self.direction = FORWARD
        else:
            self.direction = BACKWARD

    def add_to_graph(self):
        self.v1.add_constraint(self)
        self.v2.add_constraint(self)
        self.direction = NO_DIRECTION

    def is_satisfied(self):
        return self.direction != NO_DIRECTION

    def mark_inputs(self, mark):
        self.input().mark = mark

    def input(self):
        return self.v1 if self.direction == FORWARD else self.v2

    def output(self):
        return self.v2 if self.direction == FORWARD else self.v1

    def recalculate(self):
        source = self.input()
        out = self.output()
        out.walk_strength = self.strength.weakest_of(source.walk_strength)
        out.stay = source.stay
        if out.stay:
            self.execute()

    def mark_unsatisfied(self):
        self.direction = NO_DIRECTION

    def inputs_known(self, mark):
        source = self.input()
        return source.mark == mark or source.stay or source.determined_by is None

    def remove_from_graph(self):
        if self.v1 is not None:
            self.v1.remove_constraint(self)
        if self.v2 is not None:
            self.v2.remove_constraint(self)
        self.direction = NO_DIRECTION


class EqualityConstraint(BinaryConstraint):
    """v1 == v2."""

    def execute(self):
        self.output().value = self.input().value


class ScaleConstraint(BinaryConstraint):
    """v2 == v1 * scale + offset, where scale and offset are variables too."""

    def __init__(self, planner, source, scale, offset, dest, strength):
        self.scale = scale
        self.offset = offset
        BinaryConstraint.__init__(self, planner, source, dest, strength)

    def add_to_graph(self):
        BinaryConstraint.add_to_graph(self)
        self.scale.add_constraint(self)
        self.offset.add_constraint(self)

    def remove_from_graph(self):
        BinaryConstraint.remove_from_graph(self)
        if self.scale is not None:
            self.scale.remove_constraint(self)
        if self.offset is not None:
            self.offset.remove_constraint(self)

    def mark_inputs(self, mark):
        BinaryConstraint.mark_inputs(self, mark)
        self.scale.mark = mark
        self.offset.mark = mark

    def execute(self):
        if self.direction == FORWARD:
            self.v2.value = self.v1.value * self.scale.value + self.offset.value
        else:
            self.v1.value = (self.v2.value - self.offset.value) // self.scale.value

    def recalculate(self):
        source = self.input()
        out = self.output()
        out.walk_strength = self.strength.weakest_of(source.walk_strength)
        out.stay = source.stay and self.scale.stay and self.offset.stay
        if out.stay:
            self.execute()


class Plan:
    """Satisfied constraints in an order that respects their dataflow."""

    def __init__(self):
        self.constraints = []

    def add(self, constraint):
        self.constraints.append(constraint)

    def execute(self):
        for constraint in self.constraints:
            constraint.execute()


class Planner:
    def __init__(self):
        self.current_mark = 0

    def new_mark(self):
        self.current_mark += 1
        return self.current_mark

    def incremental_add(self, constraint):
        """Satisfies a new constraint, then retries what it overrode, and
        what that overrode, until nothing more is overridden."""
        mark = self.new_mark()
        overridden = constraint.satisfy(mark)
        while overridden is not None:
            overridden = overridden.satisfy(mark)

    def incremental_remove(self, constraint):
        """Removes a satisfied constraint; the unsatisfied constraints
        downstream of its output get their chance, strongest first."""
        out = constraint.output()
        constraint.mark_unsatisfied()
        constraint.remove_from_graph()
        unsatisfied = self.remove_propagate_from(out)
        strength = REQUIRED
        while True:
            for candidate in unsatisfied:
                if candidate.strength is strength:
                    self.incremental_add(candidate)
            strength = strength.next_weaker()
            if strength is WEAKEST:
                break

    def make_plan(self, sources):
        mark = self.new_mark()
        plan = Plan()
        todo = list(sources)
        i = 0
        while i < len(todo):
            constraint = todo[i]
            i += 1
            out = constraint.output()
            if out.mark != mark and constraint.inputs_known(mark):
                plan.add(constraint)
                out.mark = mark
                self.add_constraints_consuming_to(out, todo)
        return plan

    def extract_plan_from_constraints(self, constraints):
        sources = [c for c in constraints if c.is_input() and c.is_satisfied()]
        return self.make_plan(sources)

    def add_propagate(self, constraint, mark):
        """Recomputes walkabout strengths and stay flags downstream of a
        newly satisfied constraint; False (after removing it again) when
        the propagation comes back to a variable marked in this pass."""
        todo = [constraint]
        i = 0
        while i < len(todo):
            current = todo[i]
            i += 1
            if current.output().mark == mark:
                self.incremental_remove(constraint)
                return False
            current.recalculate()
            self.add_constraints_consuming_to(current.output(), todo)
        return True

    def remove_propagate_from(self, out):
        """Resets the variables downstream of a removed constraint's output;
        returns the unsatisfied constraints met on the way."""
        out.determined_by = None
        out.walk_strength = WEAKEST
        out.stay = True
        unsatisfied = []
        todo = [out]
        i = 0
        while i < len(todo):
            variable = todo[i]
            i += 1
            for constraint in variable.constraints:
                if not constraint.is_satisfied():
                    unsatisfied.append(constraint)
            determining = variable.determined_by
            for following in variable.constraints:
                if following is not determining and following.is_satisfied():
                    following.recalculate()
                    todo.append(following.output())
        return unsatisfied

    def add_constraints_consuming_to(self, variable, found):
        determining = variable.determined_by
        for constraint in variable.constraints:
            if constraint is not determining and constraint.is_satisfied():
                found.append(constraint)


class Checks:
    def __init__(self):
        self.made = 0
        self.failed = 0

    def expect(self, actual, expected, what):
        self.made += 1
        if actual != expected:
            self.failed += 1
            if self.failed <= 5:
                print("check failed: %s is %r, expected %r" % (what, actual, expected))


def chain_test(size, checks):
    """SIZE + 1 variables chained by equalities; editing the first must
    carry each new value to the last.  Returns the last value."""
    planner = Planner()
    previous = first = last = None
    for i in range(size + 1):
        variable = Variable("v%d" % i)
        if previous is not None:
            EqualityConstraint(planner, previous, variable, REQUIRED)
        if i == 0:
            first = variable
        if i == size:
            last = variable
        previous = variable
    StayConstraint(planner, last, STRONG_DEFAULT)
    edit = EditConstraint(planner, first, PREFERRED)
    plan = planner.extract_plan_from_constraints([edit])
    for value in range(100):
        first.value = value
        plan.execute()
        checks.expect(last.value, value, "chain end")
    edit.destroy()
    return last.value


def change(planner, variable, value):
    """Sets a variable through a temporary edit constraint."""
    edit = EditConstraint(planner, variable, PREFERRED)
    plan = planner.extract_plan_from_constraints([edit])
    for _ in range(10):
        variable.value = value
        plan.execute()
    edit.destroy()


def projection_test(size, checks):
    """SIZE pairs dst = src * scale + offset; editing either side, the scale
    or the offset must update the other side.  Returns a sum of values."""
    planner = Planner()
    scale = Variable("scale", 10)
    offset = Variable("offset", 1000)
    src = dst = None
    dests = []
    for i in range(size):
        src = Variable("src%d" % i, i)
        dst = Variable("dst%d" % i, i)
        dests.append(dst)
        StayConstraint(planner, src, NORMAL)
        ScaleConstraint(planner, src, scale, offset, dst, REQUIRED)
    change(planner, src, 17)
    checks.expect(dst.value, 1170, "projection of src")
    change(planner, dst, 1050)
    checks.expect(src.value, 5, "projection back to src")
    change(planner, scale, 5)
    for i in range(size - 1):
        checks.expect(dests[i].value, i * 5 + 1000, "dst%d after scale" % i)
    change(planner, offset, 2000)
    for i in range(size - 1):
        checks.expect(dests[i].value, i * 5 + 2000, "dst%d after offset" % i)
    return sum(d.value for d in dests) + src.value + scale.value + offset.value


def main():
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    checks = Checks()
    chain_total = projection_total = 0
    for _ in range(rounds):
        chain_total += chain_test(size, checks)
        projection_total += projection_test(size, checks)
    print("deltablue: %d rounds of the chain and projection tests, size %d" % (rounds, size))
    print("chain: sum of final values %d" % chain_total)
    print("projection: sum of final values %d" % projection_total)
    print("checks made %d, failed %d: %s"
          % (checks.made, checks.failed, "ok" if checks.failed == 0 else "FAILED"))


main()
