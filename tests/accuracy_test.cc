// Accuracy pinned on gold, so that a drop fails. Needs ../shared (CI has
// it); skipped with a message when it is absent.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "isnad/eval/segment_eval.h"
#include "isnad/train/lexicon_builder.h"
#include "test_util.h"

namespace isnad {
namespace {

using testing::SharedAvailable;
using testing::TestEngine;

TEST(Accuracy, ReportDatesMatchTheDevGold) {
  if (!SharedAvailable()) GTEST_SKIP() << "../shared is absent: dev gold not available";
  const std::string dev = std::string(ISNAD_SHARED_DIR) + "/corpus/dev";
  CollectingDiagnostics diagnostics;
  ReportReader reader({dev}, ReaderOptions{}, diagnostics);
  RawReport raw;
  int documents = 0, correct = 0;
  while (reader.Next(raw)) {
    std::string gold_path = dev + "/" + raw.id + ".gold.json";
    if (!std::filesystem::exists(gold_path)) continue;
    auto gold = nlohmann::json::parse(testing::ReadFile(gold_path));
    Document doc;
    TestEngine().Analyze(std::move(raw), doc);
    char iso[16] = "";
    if (doc.date) std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", doc.date->year, doc.date->month, doc.date->day);
    ++documents;
    bool ok = gold["date"].is_null() ? !doc.date : (doc.date && gold["date"] == iso);
    correct += ok;
    EXPECT_TRUE(ok) << doc.id << ": got " << iso << ", gold " << gold["date"];
  }
  EXPECT_GE(documents, 10);
  EXPECT_EQ(correct, documents);
}

TEST(Accuracy, SegmentationF1OnUdPud) {
  if (!SharedAvailable()) GTEST_SKIP() << "../shared is absent: UD-PUD not available";
  SegmentScore score;
  Status s = ScoreSegmentation(std::string(ISNAD_SHARED_DIR) + "/data/ud-pud/ar_pud-ud-test.conllu",
                               TestEngine().text(), score);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(score.sentences, 1000u);
  EXPECT_GE(score.f1(), 0.95) << "words F1 " << score.f1();
}

TEST(LexiconRebuild, MatchesTheCommittedResource) {
  if (!SharedAvailable()) GTEST_SKIP() << "../shared is absent: cannot rebuild the lexicon";
  CollectingDiagnostics diagnostics;
  std::string rebuilt;
  Status s = BuildProjectLexicon(std::string(ISNAD_SHARED_DIR) + "/data", diagnostics, rebuilt);
  ASSERT_TRUE(s.ok()) << s.message();
  std::string committed = testing::ReadFile(std::string(ISNAD_RESOURCES_DIR) + "/lexicon/lexicon.tsv");
  EXPECT_TRUE(rebuilt == committed) << "resources/lexicon/lexicon.tsv is stale: run `isnad build-lexicon`";
}

}  // namespace
}  // namespace isnad
