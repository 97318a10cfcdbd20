// End-to-end tests of the isnad program: what a user runs.
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace isnad {
namespace {

using testing::TempDir;

struct CommandResult {
  int status;
  std::string out, err;
};

CommandResult Isnad(const std::string& args, const std::string& stdin_text = "", bool use_stdin = false) {
  TempDir dir;
  std::string out = dir.File("out"), err = dir.File("err");
  std::string cmd = std::string(ISNAD_BINARY) + " " + args + " >" + out + " 2>" + err;
  if (use_stdin) cmd += " <" + dir.Write("in", stdin_text);
  else cmd += " </dev/null";
  int rc = std::system(cmd.c_str());
  return CommandResult{WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, testing::ReadFile(out), testing::ReadFile(err)};
}

std::vector<nlohmann::json> Records(const std::string& jsonl) {
  std::vector<nlohmann::json> records;
  std::istringstream in(jsonl);
  std::string line;
  while (std::getline(in, line)) records.push_back(nlohmann::json::parse(line));
  return records;
}

void ExpectValidRecord(const nlohmann::json& r) {
  for (const char* key : {"doc_id", "title", "date", "date_text", "calendar", "authors", "entities", "quotes", "relations"})
    EXPECT_TRUE(r.contains(key)) << key;
  EXPECT_TRUE(r["doc_id"].is_string());
  EXPECT_TRUE(r["authors"].is_array());
  EXPECT_TRUE(r["entities"].is_array());
}

TEST(Cli, AnalyzesTheBundledExamples) {
  CommandResult run = Isnad(std::string("analyze ") + ISNAD_EXAMPLES_DIR);
  ASSERT_EQ(run.status, 0) << run.err;
  auto records = Records(run.out);
  ASSERT_EQ(records.size(), 10u);
  for (const auto& r : records) ExpectValidRecord(r);
  EXPECT_EQ(records[0]["doc_id"], "000_cb3f6fc7f2590931");
  EXPECT_EQ(records[0]["date"], "2017-01-06");
  EXPECT_EQ(records[1]["calendar"], "hijri");
  EXPECT_EQ(records[1]["authors"], nlohmann::json::array({"خالد مصطفى"}));
}

TEST(Cli, OutputDoesNotDependOnThreadCount) {
  CommandResult one = Isnad(std::string("analyze --jobs 1 --text-layers ") + ISNAD_EXAMPLES_DIR);
  CommandResult two = Isnad(std::string("analyze --jobs 2 --text-layers ") + ISNAD_EXAMPLES_DIR);
  ASSERT_EQ(one.status, 0);
  EXPECT_EQ(one.out, two.out);
}

TEST(Cli, TextLayersUseCodePointOffsets) {
  TempDir dir;
  std::string path = dir.Write("r.txt", "عنوان\n06/01/2017\nوقال حفتر.");
  CommandResult run = Isnad("analyze --text-layers " + path);
  ASSERT_EQ(run.status, 0) << run.err;
  auto r = Records(run.out).at(0);
  std::u32string text = U"عنوان\n06/01/2017\nوقال حفتر.";
  bool found = false;
  for (const auto& t : r["tokens"]) {
    if (t["text"] == "وقال") {
      found = true;
      EXPECT_EQ(t["start"], text.find(U"وقال"));
      EXPECT_EQ(t["segments"], nlohmann::json::array({"و", "قال"}));
    }
  }
  EXPECT_TRUE(found);
}

TEST(Cli, ReadsStandardInputAsTextOrJsonl) {
  CommandResult text = Isnad("analyze -", "عنوان\n2015-08-04\nنص الخبر.", true);
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_EQ(Records(text.out).at(0)["date"], "2015-08-04");
  CommandResult jsonl = Isnad("analyze -", "{\"id\":\"a\",\"text\":\"نص\",\"date\":\"2015-08-05\"}\n{\"id\":\"b\",\"text\":\"نص\"}\n", true);
  ASSERT_EQ(jsonl.status, 0) << jsonl.err;
  auto records = Records(jsonl.out);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0]["date"], "2015-08-05");
  EXPECT_TRUE(records[1]["date"].is_null());  // a missing date is null, not a guess
}

TEST(Cli, BadInputIsNamedAndTheRestIsStillWritten) {
  TempDir dir;
  std::string good = dir.Write("good.txt", "عنوان\nنص");
  std::string empty = dir.Write("empty.txt", "");
  std::string feed = dir.Write("feed.jsonl", "{\"id\":\"1\",\"text\":\"نص\"}\nnot json\n");
  CommandResult run = Isnad("analyze " + good + " " + empty + " " + feed);
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(Records(run.out).size(), 2u);
  EXPECT_NE(run.err.find(empty + ": error: empty"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find(feed + ":2: error: not valid JSON"), std::string::npos) << run.err;
}

TEST(Cli, WritesToAFileWithDashO) {
  TempDir dir;
  std::string out = dir.File("records.jsonl");
  CommandResult run = Isnad(std::string("analyze -o ") + out + " " + ISNAD_EXAMPLES_DIR);
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(run.out.empty());
  EXPECT_EQ(Records(testing::ReadFile(out)).size(), 10u);
}

TEST(Cli, ShowPrintsActorsQuotesAndClaims) {
  CommandResult run = Isnad(std::string("show ") + ISNAD_EXAMPLES_DIR + "/004_8362ffeed0b5868a.txt");
  ASSERT_EQ(run.status, 0) << run.err;
  for (const char* part : {"actors:", "said:", "claims:", "per:khalifa_haftar", "--COOPERATE-->"})
    EXPECT_NE(run.out.find(part), std::string::npos) << part;
}

TEST(Cli, RecordsCarryQuotesAndRelationsWithEntityIds) {
  CommandResult run = Isnad(std::string("analyze ") + ISNAD_EXAMPLES_DIR + "/004_8362ffeed0b5868a.txt");
  ASSERT_EQ(run.status, 0) << run.err;
  auto r = Records(run.out).at(0);
  std::set<std::string> ids;
  for (const auto& e : r["entities"]) ids.insert(e["id"].get<std::string>());
  ASSERT_FALSE(r["quotes"].empty());
  ASSERT_FALSE(r["relations"].empty());
  for (const auto& q : r["quotes"]) {
    if (!q["speaker"].is_null()) {
      EXPECT_TRUE(ids.count(q["speaker"].get<std::string>()));
    }
  }
  for (const auto& rel : r["relations"]) {
    for (const char* side : {"source", "target"}) {
      if (!rel[side].is_null()) {
        EXPECT_TRUE(ids.count(rel[side].get<std::string>())) << rel;
      }
    }
    EXPECT_TRUE(rel["polarity"] == "asserted" || rel["polarity"] == "alleged" || rel["polarity"] == "denied");
    EXPECT_LT(rel["evidence"]["start"].get<int>(), rel["evidence"]["end"].get<int>());
  }
}

TEST(Cli, MissingResourcesAreAClearFatalError) {
  CommandResult run = Isnad(std::string("--resources /nonexistent analyze ") + ISNAD_EXAMPLES_DIR);
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.err.find("/nonexistent"), std::string::npos);
}

TEST(Cli, ServeNamesAMissingStoreAndAPortInUse) {
  TempDir dir;
  CommandResult missing = Isnad("serve --port 0 --db " + dir.File("none.db"));
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("none.db: no such store"), std::string::npos) << missing.err;
  EXPECT_FALSE(std::ifstream(dir.File("none.db")).good()) << "a missing store must not be created";
  CommandResult bad_port = Isnad("serve --port 70000 --db " + dir.File("none.db"));
  EXPECT_NE(bad_port.status, 0);
  EXPECT_NE(bad_port.err.find("--port"), std::string::npos) << bad_port.err;
}

}  // namespace
}  // namespace isnad
