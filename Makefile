# The two commands of the README:
#   make demo   install what is missing, build, generate the demo network, show it
#   make test   install what is missing, build, run every test through CTest
BUILD ?= build
TSAN_BUILD ?= build-tsan
JOBS ?= $(shell nproc)

.PHONY: deps build web demo test tsan clean package

deps:
	@./scripts/install-deps.sh

# The web UI (web/, served by `ledd serve`): `npm ci` only when package-lock.json is newer
# than the installed tree, `npm run build` only when a source is newer than web/dist.
WEB_STAMP := web/node_modules/.ledd-npm-ci
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html \
               web/package.json web/tsconfig.json web/vite.config.ts

$(WEB_STAMP): web/package-lock.json
	@echo "web: npm ci"
	@cd web && npm ci --no-audit --no-fund --loglevel=error >/dev/null
	@touch $@

web/dist/index.html: $(WEB_STAMP) $(WEB_SOURCES)
	@echo "web: npm run build"
	@cd web && npm run --silent build -- --logLevel warn
	@touch $@

web: deps web/dist/index.html

build: deps web
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The Debian package, $(BUILD)/ledd_VERSION_amd64.deb (packaging/): installed under /usr,
# the config file in /etc/ledd.
package: build
	@cmake -S . -B $(BUILD) -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target package

demo: build
	@./scripts/demo.sh $(BUILD)/ledd

# The concurrency tests run a second time under ThreadSanitizer, in their own tree.
tsan: deps
	@cmake -S . -B $(TSAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLEDD_SANITIZE=thread >/dev/null
	@cmake --build $(TSAN_BUILD) -j $(JOBS) --target live_network_test profile_facts_test handler_pool_test store_contract_test ledd_csv_test query_test
	@ctest --test-dir $(TSAN_BUILD) -R '^(LiveNetwork|ProfileFactsCache\.|HandlerPool\.|Store/InvitationStoreConcurrency\.|LeddCsv\.|SearchFilterCache\.|WorkerPool\.|NetworkQueries\.ReachSplitOverThreads)' --output-on-failure -j $(JOBS)

# The request-handling fuzzer (fuzz/) in its own clang tree with ASan and UBSan: every
# seed and every regression input once, then FUZZ_SECONDS of fuzzing from the seeds
# (new inputs go to $(FUZZ_BUILD)/corpus, a crash to $(FUZZ_BUILD)/crash-*). Then the
# importer fuzzer the same way: its seeds (fuzz/import_corpus) once, then
# IMPORT_FUZZ_SECONDS of fuzzing (new inputs in $(FUZZ_BUILD)/import-corpus, a crash in
# $(FUZZ_BUILD)/import-crash-*).
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
IMPORT_FUZZ_SECONDS ?= 30
.PHONY: fuzz
fuzz: deps
	@cmake -S . -B $(FUZZ_BUILD) -G Ninja -DLEDD_FUZZ=ON \
	  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1" >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target server_fuzz import_fuzz
	@mkdir -p $(FUZZ_BUILD)/corpus
	@$(FUZZ_BUILD)/fuzz/server_fuzz -runs=0 fuzz/corpus fuzz/regressions \
	  >$(FUZZ_BUILD)/replay.log 2>&1 || { cat $(FUZZ_BUILD)/replay.log; exit 1; }
	@echo "fuzz: every seed and regression input passes"
	@$(FUZZ_BUILD)/fuzz/server_fuzz -dict=fuzz/http.dict -max_total_time=$(FUZZ_SECONDS) \
	  -timeout=10 -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/ $(FUZZ_BUILD)/corpus \
	  fuzz/corpus >$(FUZZ_BUILD)/fuzz.log 2>&1 || { tail -80 $(FUZZ_BUILD)/fuzz.log; exit 1; }
	@grep -E '^(Done|stat::number_of_executed_units|stat::new_units_added)' $(FUZZ_BUILD)/fuzz.log \
	  | sed 's/^/fuzz: /'
	@mkdir -p $(FUZZ_BUILD)/import-corpus
	@$(FUZZ_BUILD)/fuzz/import_fuzz -runs=0 fuzz/import_corpus \
	  >$(FUZZ_BUILD)/import-replay.log 2>&1 || { cat $(FUZZ_BUILD)/import-replay.log; exit 1; }
	@echo "import fuzz: every seed passes"
	@$(FUZZ_BUILD)/fuzz/import_fuzz -max_total_time=$(IMPORT_FUZZ_SECONDS) -timeout=10 \
	  -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/import- $(FUZZ_BUILD)/import-corpus \
	  fuzz/import_corpus >$(FUZZ_BUILD)/import-fuzz.log 2>&1 \
	  || { tail -80 $(FUZZ_BUILD)/import-fuzz.log; exit 1; }
	@grep -E '^(Done|stat::number_of_executed_units|stat::new_units_added)' \
	  $(FUZZ_BUILD)/import-fuzz.log | sed 's/^/import fuzz: /'

test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory tsan
	@$(MAKE) --no-print-directory fuzz

clean:
	rm -rf $(BUILD) $(TSAN_BUILD) $(FUZZ_BUILD) web/dist
