// Throughput of the text core and of the whole analysis so far, on real
// Arabic news: ../shared/data/saudinewsnet when present (the first
// ISNAD_BENCH_REPORTS reports, default 4000), else the bundled examples.
// Reports MB/s and words/s per core (single thread), from normalization
// alone up to the whole ingest into a SQLite store.
//
//   build/bench/text_benchmark --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "isnad/document/analyze.h"
#include "isnad/store/store.h"
#include "isnad/text/normalize.h"
#include "isnad/text/tokenize.h"

namespace {

using namespace isnad;

struct Corpus {
  std::vector<RawReport> reports;
  uint64_t bytes = 0;
  uint64_t words = 0;
  std::string name;
};

const Engine& TheEngine() {
  static Engine* engine = [] {
    auto* e = new Engine();
    Status s = Engine::Load(ISNAD_RESOURCES_DIR, *e);
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.message().c_str());
      std::exit(1);
    }
    return e;
  }();
  return *engine;
}

const Corpus& TheCorpus() {
  static Corpus* corpus = [] {
    auto* c = new Corpus();
    std::string snn = std::string(ISNAD_SHARED_DIR) + "/data/saudinewsnet/articles.jsonl.gz";
    std::vector<std::string> inputs;
    size_t limit = 4000;
    if (const char* env = std::getenv("ISNAD_BENCH_REPORTS")) limit = std::strtoul(env, nullptr, 10);
    if (std::filesystem::exists(snn)) {
      inputs = {snn};
      c->name = "saudinewsnet";
    } else {
      inputs = {ISNAD_EXAMPLES_DIR};
      c->name = "examples";
    }
    CollectingDiagnostics diagnostics;
    ReportReader reader(inputs, ReaderOptions{}, diagnostics);
    RawReport r;
    TextAnalysis a;
    while (c->reports.size() < limit && reader.Next(r)) {
      c->bytes += r.text.size();
      TheEngine().text().Analyze(r.text, a);
      c->words += a.word_count();
      c->reports.push_back(std::move(r));
    }
    std::fprintf(stderr, "corpus: %s, %zu reports, %.1f MB, %llu words\n", c->name.c_str(), c->reports.size(),
                 c->bytes / 1e6, static_cast<unsigned long long>(c->words));
    return c;
  }();
  return *corpus;
}

void SetCounters(benchmark::State& state, const Corpus& c) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
  state.counters["words_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * c.words), benchmark::Counter::kIsRate);
}

void BM_Normalize(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  NormalizedText out;
  for (auto _ : state)
    for (const auto& r : c.reports) {
      Normalize(r.text, NormalizeOptions::Matching(), out);
      benchmark::DoNotOptimize(out.text.data());
    }
  SetCounters(state, c);
}

void BM_Tokenize(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  std::vector<Token> tokens;
  for (auto _ : state)
    for (const auto& r : c.reports) {
      tokens.clear();
      Tokenize(r.text, tokens);
      benchmark::DoNotOptimize(tokens.data());
    }
  SetCounters(state, c);
}

// The whole text core: normalize-on-the-fly, tokenize, split sentences,
// segment clitics and stem every word.
void BM_TextCore(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  TextAnalysis a;
  for (auto _ : state)
    for (const auto& r : c.reports) {
      TheEngine().text().Analyze(r.text, a);
      benchmark::DoNotOptimize(a.segments.data());
    }
  SetCounters(state, c);
}

// Everything the analyze command does per report so far (header, date,
// byline, text core), without reading or writing.
void BM_AnalyzeReport(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  Document doc;
  for (auto _ : state)
    for (const auto& r : c.reports) {
      RawReport copy = r;
      TheEngine().Analyze(std::move(copy), doc);
      benchmark::DoNotOptimize(doc.analysis.tokens.data());
    }
  SetCounters(state, c);
}

// End to end into a store: every stage, then SQLite (reports, actors,
// mentions, quotes, relations, the search index and story signatures), one
// transaction per 256 reports, into a fresh store each iteration.
void BM_IngestToStore(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  std::string path = (std::filesystem::temp_directory_path() / "isnad_bench.db").string();
  Document doc;
  std::vector<Document> batch;
  for (auto _ : state) {
    state.PauseTiming();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    std::unique_ptr<Store> store;
    if (!Store::Open(path, store).ok()) state.SkipWithError("cannot open the store");
    state.ResumeTiming();
    StoreStats stats;
    for (const auto& r : c.reports) {
      RawReport copy = r;
      TheEngine().Analyze(std::move(copy), doc);
      batch.push_back(std::move(doc));
      if (batch.size() == 256) {
        std::vector<const Document*> ptrs;
        for (const auto& d : batch) ptrs.push_back(&d);
        store->Add(ptrs, "bench", stats);
        batch.clear();
      }
    }
    std::vector<const Document*> ptrs;
    for (const auto& d : batch) ptrs.push_back(&d);
    store->Add(ptrs, "bench", stats);
    batch.clear();
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  SetCounters(state, c);
}

BENCHMARK(BM_Normalize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TextCore)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AnalyzeReport)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IngestToStore)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
