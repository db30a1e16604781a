# Thin driver over CMake.  Outputs: build/libreclaim.a, build/libreclaim.so,
# build/reclaim, include/reclaim.h.  See README.md.
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
PREFIX     ?= /usr/local
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

.PHONY: all build test asan valgrind stress demo demo-c bench install clean help

all: build

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DRECLAIM_WERROR=ON -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_ARGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -E '^long_'

$(ASAN_BUILD)/CMakeCache.txt:
	cmake -S . -B $(ASAN_BUILD) -DRECLAIM_WERROR=ON -DRECLAIM_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug $(CMAKE_ARGS)

asan: $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --output-on-failure -j $(JOBS) -E '^long_'

valgrind: build
	cd $(BUILD) && ctest --output-on-failure -L valgrind -T memcheck

stress: build
	cd $(BUILD) && ctest --output-on-failure -R '^long_'

demo: build
	./$(BUILD)/reclaim --plot $(BUILD)/memory.svg examples/seed_release.py
	@echo "memory timeline written to $(BUILD)/memory.svg (open it in a browser)"

demo-c: build
	./$(BUILD)/reclaim --demo

bench: build
	bash bench/run.sh

# libFuzzer over the interpreter (clang); exits 77 with a message without it.
.PHONY: fuzz
fuzz:
	bash tests/fuzz/run_fuzz.sh --seconds $(FUZZ_SECONDS) --build-dir $(FUZZ_BUILD) --jobs $(JOBS)

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)

help:
	@echo "make          build the library (build/libreclaim.{a,so}) and build/reclaim"
	@echo "make test     build and run every test (ctest)"
	@echo "make asan     the tests under AddressSanitizer + UndefinedBehaviorSanitizer"
	@echo "make valgrind the library's tests under valgrind memcheck"
	@echo "make stress   long randomized runs"
	@echo "make demo     the seeds' experiment under the interpreter: examples/seed_release.py,"
	@echo "              with its memory timeline in build/memory.svg"
	@echo "make demo-c   the same experiment in C (reclaim --demo): allocate, free, trim"
	@echo "make bench    benchmarks against glibc, mimalloc, jemalloc, tcmalloc"
	@echo "make install  PREFIX=... header, libraries, pkg-config file"
	@echo "make fuzz     libFuzzer over the interpreter for FUZZ_SECONDS (default 60; needs clang)"
