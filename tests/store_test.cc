// The store and the network: idempotent ingest, exports, filters, schema
// versions, and a kill -9 in the middle of an ingest.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <fstream>
#include <thread>

#include "isnad/store/store.h"
#include "test_util.h"

namespace isnad {
namespace {

using testing::TempDir;

int RunIsnad(const std::string& args) {
  std::string cmd = std::string(ISNAD_BINARY) + " " + args + " >/dev/null 2>&1";
  int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

std::string Capture(const std::string& args) {
  TempDir dir;
  std::string out = dir.File("out");
  std::system((std::string(ISNAD_BINARY) + " " + args + " >" + out + " 2>/dev/null").c_str());
  return testing::ReadFile(out);
}

TEST(Store, ReingestingTheSameReportsChangesNothing) {
  TempDir dir;
  std::string db = dir.File("isnad.db");
  ASSERT_EQ(RunIsnad("analyze --db " + db + " " + ISNAD_EXAMPLES_DIR), 0);
  std::string first = Capture("network --db " + db);
  ASSERT_EQ(RunIsnad("analyze --db " + db + " " + ISNAD_EXAMPLES_DIR), 0);
  EXPECT_EQ(Capture("network --db " + db), first);
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(db, store).ok());
  EXPECT_EQ(store->ReportCount(), 10);
  EXPECT_FALSE(first.empty());
}

TEST(Store, ClaimsOfSeveralReportsMakeOneEdgeWithItsEvidence) {
  TempDir dir;
  std::string db = dir.File("isnad.db");
  ASSERT_EQ(RunIsnad("analyze --db " + db + " " + ISNAD_EXAMPLES_DIR), 0);
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(db, store).ok());
  std::vector<NetworkEdge> edges;
  NetworkFilter haftar;
  haftar.actor = "per:khalifa_haftar";
  haftar.type = "COOPERATE";
  ASSERT_TRUE(store->Network(haftar, edges).ok());
  bool found = false;
  for (const auto& e : edges)
    if (e.source_key == "per:khalifa_haftar" && e.target_key == "group:isis") {
      found = true;
      EXPECT_EQ(e.reports, 2);  // both seed reports allege it
      EXPECT_EQ(e.first_date, "2017-01-06");
      EXPECT_EQ(e.last_date, "2017-03-11");
    }
  EXPECT_TRUE(found);
  for (const auto& e : edges) EXPECT_EQ(e.type, "COOPERATE");
  NetworkFilter later;
  later.from = "2017-02-01";
  ASSERT_TRUE(store->Network(later, edges).ok());
  for (const auto& e : edges) EXPECT_GE(e.first_date, "2017-02-01");
}

TEST(Store, ExportsGraphmlAndCsvWithEveryEdge) {
  TempDir dir;
  std::string db = dir.File("isnad.db");
  ASSERT_EQ(RunIsnad("analyze --db " + db + " " + ISNAD_EXAMPLES_DIR), 0);
  std::string json = Capture("network --db " + db);
  size_t edges = std::count(json.begin(), json.end(), '\n');
  ASSERT_GT(edges, 10u);
  std::string graphml = Capture("network --format graphml --db " + db);
  EXPECT_EQ(graphml.rfind("<?xml", 0), 0u);
  EXPECT_NE(graphml.find("</graphml>"), std::string::npos);
  size_t edge_elements = 0;
  for (size_t p = graphml.find("<edge "); p != std::string::npos; p = graphml.find("<edge ", p + 1)) ++edge_elements;
  EXPECT_EQ(edge_elements, edges);
  // Every edge end is a declared node.
  for (size_t p = graphml.find(" source=\""); p != std::string::npos; p = graphml.find(" source=\"", p + 1)) {
    std::string id = graphml.substr(p + 9, graphml.find('"', p + 9) - p - 9);
    EXPECT_NE(graphml.find("<node id=\"" + id + "\""), std::string::npos) << id;
  }
  std::string csv = Capture("network --format csv --db " + db);
  EXPECT_EQ(csv.rfind("source,source_name,type,target", 0), 0u);
  EXPECT_EQ(static_cast<size_t>(std::count(csv.begin(), csv.end(), '\n')), edges + 1);
}

TEST(Search, MatchesAcrossCliticsAndMarksTheHits) {
  TempDir dir;
  std::string db = dir.File("isnad.db");
  ASSERT_EQ(RunIsnad("analyze --db " + db + " " + ISNAD_EXAMPLES_DIR), 0);
  // The query carries clitics (wa-li-) that the reports do not.
  std::string out = Capture("search --format json --db " + db + " وللحوثيين");
  EXPECT_NE(out.find("\"doc_id\":\"d07_ec5d9d8005\""), std::string::npos) << out;
  EXPECT_NE(out.find("[للحوثيين]"), std::string::npos) << out;  // the hit, marked, as written
  // Every word must match: this pair occurs only in the two seed reports.
  std::string seeds = Capture("search --format json --db " + db + " حفتر تنسيق");
  EXPECT_EQ(std::count(seeds.begin(), seeds.end(), '\n'), 2) << seeds;
  std::string dated = Capture("search --format json --from 2017-02-01 --db " + db + " حفتر تنسيق");
  EXPECT_EQ(std::count(dated.begin(), dated.end(), '\n'), 1) << dated;
  EXPECT_NE(dated.find("004_8362ffeed0b5868a"), std::string::npos);
  std::string by_actor = Capture("search --format json --actor country:YEM --db " + db + " الحوثيين");
  EXPECT_EQ(by_actor.find("000_cb3f6fc7f2590931"), std::string::npos);
  EXPECT_NE(by_actor.find("d01_c6a94fdca4"), std::string::npos);
  EXPECT_EQ(RunIsnad("search --db " + db + " كلمةلاتوجدفيأيتقرير"), 3);  // nothing found
}

TEST(Stories, ASyndicatedCopyJoinsItsOriginalAndUnrelatedReportsStayApart) {
  TempDir dir;
  std::string db = dir.File("isnad.db");
  // A republished copy of a dev report, with a sentence added.
  testing::WriteRepublishedCopy(dir, "reports/copy.txt", "\nوأضافت المنظمة أنها ستواصل التحقيق.");
  ASSERT_EQ(RunIsnad("analyze --db " + db + " " + ISNAD_EXAMPLES_DIR + " " + dir.File("reports")), 0);
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(db, store).ok());
  std::vector<Story> stories;
  ASSERT_TRUE(store->Stories(stories).ok());
  bool linked = false;
  for (const auto& story : stories) {
    std::set<std::string> ids;
    for (const auto& r : story.reports) ids.insert(r.doc_id);
    if (ids.count("copy")) {
      linked = ids.count("d07_ec5d9d8005") > 0;
      for (const auto& r : story.reports) {
        if (r.doc_id == "copy") {
          EXPECT_EQ(r.duplicate_of, "d07_ec5d9d8005");
        }
      }
    }
    // The two seeds share a subject but no wording: not one story.
    EXPECT_FALSE(ids.count("000_cb3f6fc7f2590931") && ids.count("d02_61d5c06747"));
  }
  EXPECT_TRUE(linked);
  std::string text = Capture("stories --db " + db);
  EXPECT_NE(text.find("(copy of d07_ec5d9d8005)"), std::string::npos) << text;

  // Read from the original, the copy is its one near-duplicate; no other
  // example is on its story.
  int64_t original_id = 0, copy_id = 0;
  for (int64_t id = 1; id <= store->ReportCount(); ++id) {
    StoredReport r;
    ASSERT_TRUE(store->Report(id, r).ok());
    if (r.doc_id == "copy") copy_id = id;
    if (r.doc_id == "d07_ec5d9d8005") original_id = id;
  }
  ASSERT_GT(original_id, 0);
  ASSERT_GT(copy_id, 0);
  std::vector<RelatedReport> related;
  ASSERT_TRUE(store->SameStory(original_id, related).ok());
  ASSERT_EQ(related.size(), 1u);
  EXPECT_EQ(related[0].report, copy_id);
  EXPECT_TRUE(related[0].duplicate);
  EXPECT_GE(related[0].similarity, 0.7);
  ASSERT_TRUE(store->SameStory(copy_id, related).ok());
  ASSERT_EQ(related.size(), 1u);
  EXPECT_EQ(related[0].doc_id, "d07_ec5d9d8005");
}

TEST(Store, AnActorOfTheLexiconGoesByTheLexiconsName) {
  // Written for this test: a list of tags with no commas, which the entity
  // stage reads as one long name of the king; the store must not let it
  // rename him for every report.
  TempDir dir;
  std::string db = dir.File("isnad.db");
  dir.Write("reports/a.txt", "الملك يستقبل الوفد\n01/08/2015\nاستقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز وفدا من رجال الأعمال.\n");
  dir.Write("reports/b.txt",
            "برقية تهنئة\n02/08/2015\nبعث الملك برقية تهنئة.\nسمات الملك سلمان بن عبدالعزيز حمد بن عيسى آل خليفة خادم "
            "الحرمين الشريفين عبدالله الثاني ملك الاردن ملك البحرين\n");
  ASSERT_EQ(RunIsnad("analyze --db " + db + " " + dir.File("reports")), 0);
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(db, store).ok());
  std::vector<ActorSummary> actors;
  ASSERT_TRUE(store->Actors("per:salman", 5, actors).ok());
  ASSERT_EQ(actors.size(), 1u);
  EXPECT_EQ(actors[0].name, "الملك سلمان بن عبد العزيز");
  EXPECT_EQ(actors[0].reports, 2);
}

TEST(Store, RefusesAStoreFromANewerIsnad) {
  TempDir dir;
  std::string db = dir.File("isnad.db");
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(db, store).ok());
  }
  ASSERT_EQ(std::system(("python3 -c \"import sqlite3; c=sqlite3.connect('" + db +
                         "'); c.execute(\\\"UPDATE meta SET value='99' WHERE key='schema_version'\\\"); c.commit()\"")
                            .c_str()),
            0);
  std::unique_ptr<Store> store;
  Status s = Store::Open(db, store);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("newer"), std::string::npos);
}

TEST(Store, AStoreOfSchemaOneGetsItsStoryBandsWhenOpened) {
  // Stores written before schema 2 kept signatures but no band keys: on
  // opening, the keys are made from the signatures, and stories are found.
  TempDir dir;
  std::string db = dir.File("isnad.db");
  testing::WriteRepublishedCopy(dir, "reports/copy.txt", "\nوأضافت المنظمة أنها ستواصل التحقيق.");
  ASSERT_EQ(RunIsnad("analyze --db " + db + " " + ISNAD_EXAMPLES_DIR + " " + dir.File("reports")), 0);
  ASSERT_EQ(std::system(("python3 -c \"import sqlite3; c=sqlite3.connect('" + db +
                         "'); c.execute('DROP TABLE story_bands'); c.execute(\\\"UPDATE meta SET value='1' WHERE "
                         "key='schema_version'\\\"); c.commit()\"")
                            .c_str()),
            0);
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(db, store).ok());
  std::vector<Story> stories;
  ASSERT_TRUE(store->Stories(stories).ok());
  bool linked = false;
  for (const auto& story : stories)
    for (const auto& r : story.reports) linked = linked || r.duplicate_of == "d07_ec5d9d8005";
  EXPECT_TRUE(linked);
  store.reset();
  std::string text = Capture("stories --db " + db);
  EXPECT_NE(text.find("(copy of d07_ec5d9d8005)"), std::string::npos) << text;
  std::string schema = dir.File("schema");
  ASSERT_EQ(std::system(("python3 -c \"import sqlite3; print(sqlite3.connect('" + db +
                         "').execute(\\\"SELECT value FROM meta WHERE key='schema_version'\\\").fetchone()[0])\" > " +
                         schema)
                            .c_str()),
            0);
  EXPECT_EQ(testing::ReadFile(schema), "2\n");
}

TEST(Store, AKillDuringIngestLosesNothingCommittedAndLeavesNoHalfReport) {
  TempDir dir;
  // 4,000 distinct reports built from the examples.
  std::string feed = dir.File("feed.jsonl");
  {
    std::ofstream out(feed);
    std::string body = testing::ReadFile(std::string(ISNAD_EXAMPLES_DIR) + "/d02_61d5c06747.txt");
    for (char& c : body)
      if (c == '\n' || c == '"' || c == '\\') c = ' ';
    for (int i = 0; i < 4000; ++i)
      out << "{\"id\":\"r" << i << "\",\"text\":\"" << body << " " << i << "\"}\n";
  }
  std::string db = dir.File("isnad.db");
  pid_t child = fork();
  if (child == 0) {
    execl(ISNAD_BINARY, ISNAD_BINARY, "analyze", "--jobs", "1", "--db", db.c_str(), feed.c_str(), (char*)nullptr);
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(db, store).ok());
  int64_t committed = store->ReportCount();
  EXPECT_LT(committed, 4000) << "the ingest finished before the kill: make the feed larger";
  // Batches are transactions: whole batches of 256 reports, never a part.
  EXPECT_EQ(committed % 256, 0) << committed;
  store.reset();
  // Resuming stores the rest, and nothing twice.
  ASSERT_EQ(RunIsnad("analyze --db " + db + " " + feed), 0);
  ASSERT_TRUE(Store::Open(db, store).ok());
  EXPECT_EQ(store->ReportCount(), 4000);
}

}  // namespace
}  // namespace isnad
