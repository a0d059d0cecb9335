# The two commands of the README:
#   make demo   install what is missing, build, generate the demo network, show it
#   make test   install what is missing, build, run every test through CTest
BUILD ?= build
TSAN_BUILD ?= build-tsan
JOBS ?= $(shell nproc)

.PHONY: deps build demo test tsan clean

deps:
	@./scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@./scripts/demo.sh $(BUILD)/ledd

# The concurrency tests run a second time under ThreadSanitizer, in their own tree.
tsan: deps
	@cmake -S . -B $(TSAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLEDD_SANITIZE=thread >/dev/null
	@cmake --build $(TSAN_BUILD) -j $(JOBS) --target live_network_test invitation_store_test
	@ctest --test-dir $(TSAN_BUILD) -R '^(LiveNetwork|InvitationStoreConcurrency)' --output-on-failure -j $(JOBS)

test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory tsan

clean:
	rm -rf $(BUILD) $(TSAN_BUILD)
