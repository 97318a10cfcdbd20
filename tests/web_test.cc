// The web interface's API over a store of the bundled examples, and the
// server on loopback. The page itself is driven in Chromium by
// tests/web/page_test.mjs.
#include <httplib.h>
#include <sys/wait.h>

#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "isnad/interfaces/web_api.h"
#include "test_util.h"

namespace isnad {
namespace {

using nlohmann::json;
using testing::TempDir;

// The code points [start, end) of a UTF-8 text.
std::string CodePoints(const std::string& text, int64_t start, int64_t end) {
  size_t begin = text.size(), stop = text.size();
  int64_t cp = 0;
  for (size_t byte = 0; byte < text.size(); ++byte) {
    if ((static_cast<unsigned char>(text[byte]) & 0xC0) == 0x80) continue;  // inside a code point
    if (cp == start) begin = byte;
    if (cp == end) stop = byte;
    ++cp;
  }
  return begin < stop ? text.substr(begin, stop - begin) : std::string();
}

class WebApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->File("isnad.db");
    // The examples and a republished copy of one of them (another
    // headline, the same body): a story of two reports.
    testing::WriteRepublishedCopy(*dir_, "copies/copy.txt");
    std::string cmd = std::string(ISNAD_BINARY) + " analyze -q --db " + db_ + " " + ISNAD_EXAMPLES_DIR + " " +
                      dir_->File("copies") + " >/dev/null 2>&1";
    int rc = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(rc) && WEXITSTATUS(rc) == 0) << cmd;
    ASSERT_TRUE(Store::Open(db_, store_).ok());
    ASSERT_TRUE(store_->PrepareForReading().ok());
    text_ = new TextCore();
    ASSERT_TRUE(TextCore::Load(ISNAD_RESOURCES_DIR, *text_).ok());
  }
  static void TearDownTestSuite() {
    store_.reset();
    delete text_;
    delete dir_;
  }

  json Get(const std::string& path, const QueryParams& params, int expected_status = 200) {
    WebApi api(*store_, *text_);
    HttpAnswer answer = api.Get(path, params);
    EXPECT_EQ(answer.status, expected_status) << path << ": " << answer.body;
    return json::parse(answer.body);
  }

  static TempDir* dir_;
  static std::string db_;
  static std::unique_ptr<Store> store_;
  static TextCore* text_;
};
TempDir* WebApiTest::dir_ = nullptr;
std::string WebApiTest::db_;
std::unique_ptr<Store> WebApiTest::store_;
TextCore* WebApiTest::text_ = nullptr;

TEST_F(WebApiTest, SearchMatchesAcrossCliticsAndMarksTheHitInTheSnippet) {
  json r = Get("/api/search", {{"q", "وحفتر"}});
  EXPECT_EQ(r["terms"], json::array({"حفتر"}));
  ASSERT_GE(r["hits"].size(), 2u);
  for (const auto& hit : r["hits"]) {
    EXPECT_GT(hit["report"].get<int64_t>(), 0);
    bool marked = false;
    for (const auto& w : hit["snippet"]["words"])
      if (w["hit"].get<bool>()) {
        marked = true;
        EXPECT_NE(w["text"].get<std::string>().find("حفتر"), std::string::npos) << w;
      }
    EXPECT_TRUE(marked) << hit["title"];
  }
  EXPECT_TRUE(Get("/api/search", {{"q", "كلمةلاتوجد"}})["hits"].empty());
}

TEST_F(WebApiTest, AReportComesWithItsMentionsQuotesAndClaimsAtCodePointOffsets) {
  json hits = Get("/api/search", {{"q", "حفتر"}, {"limit", "1"}})["hits"];
  ASSERT_EQ(hits.size(), 1u);
  json r = Get("/api/report", {{"id", std::to_string(hits[0]["report"].get<int64_t>())}});
  const std::string text = r["text"];
  EXPECT_TRUE(r["same_story"].is_array());
  ASSERT_FALSE(r["mentions"].empty());
  ASSERT_FALSE(r["claims"].empty());
  int haftar = 0;
  for (const auto& m : r["mentions"]) {
    std::string surface = CodePoints(text, m["start"], m["end"]);
    EXPECT_FALSE(surface.empty());
    if (m["actor"] == "per:khalifa_haftar") {
      ++haftar;
      EXPECT_NE(surface.find("حفتر"), std::string::npos) << surface;
    }
  }
  EXPECT_GT(haftar, 0);
  for (const auto& c : r["claims"]) {
    EXPECT_EQ(c["evidence"]["text"].get<std::string>(),
              CodePoints(text, c["evidence"]["start"], c["evidence"]["end"]));
    EXPECT_EQ(c["report"], r["id"]);
  }
  for (const auto& q : r["quotes"]) EXPECT_EQ(q["text"].get<std::string>(), CodePoints(text, q["start"], q["end"]));
}

TEST_F(WebApiTest, AnEdgesClaimsAndTheTimelineCountWhatTheNetworkCounts) {
  json edges = Get("/api/network", {{"limit", "5"}})["edges"];
  ASSERT_FALSE(edges.empty());
  for (const auto& e : edges) {
    json claims = Get("/api/claims", {{"source", e["source"]}, {"target", e["target"]}, {"type", e["type"]}})["claims"];
    EXPECT_EQ(claims.size(), e["claims"].get<size_t>()) << e;
    for (const auto& c : claims) {
      EXPECT_EQ(c["source"], e["source"]);
      EXPECT_FALSE(c["evidence"]["text"].get<std::string>().empty());
    }
  }
  json summary = Get("/api/summary", {});
  EXPECT_EQ(summary["reports"], 11);
  int in_months = 0;
  json months = Get("/api/timeline", {})["months"];
  ASSERT_GE(months.size(), 2u);
  for (const auto& m : months) {
    in_months += m["claims"].get<int>();
    EXPECT_EQ(m["claims"].get<int>(), m["asserted"].get<int>() + m["alleged"].get<int>() + m["denied"].get<int>());
  }
  // Every example is dated, so every claim falls in a month.
  EXPECT_EQ(in_months, summary["claims"].get<int>());
  json haftar = Get("/api/timeline", {{"actor", "per:khalifa_haftar"}})["months"];
  EXPECT_FALSE(haftar.empty());
  int haftar_claims = 0;
  for (const auto& m : haftar) haftar_claims += m["claims"].get<int>();
  EXPECT_LT(haftar_claims, in_months);
  EXPECT_EQ(Get("/api/claims", {{"actor", "per:khalifa_haftar"}, {"limit", "10000"}})["claims"].size(),
            static_cast<size_t>(haftar_claims));
}

TEST_F(WebApiTest, TheNetworkAsOneClaimantTellsIt) {
  // Who says so: the claims the Libyan channel's broadcast carries (seed
  // 004), at any depth of their chain, and nothing else.
  json all = Get("/api/claims", {{"limit", "10000"}})["claims"];
  std::string channel;
  for (const auto& c : all)
    for (const auto& name : c["claimed_by"])
      if (name.get<std::string>().find("الليبية") != std::string::npos) channel = name;
  ASSERT_FALSE(channel.empty());
  json told = Get("/api/claims", {{"claimant", channel}, {"limit", "10000"}})["claims"];
  ASSERT_FALSE(told.empty());
  size_t expected = 0;
  for (const auto& c : all) {
    bool by = false;
    for (const auto& name : c["claimed_by"]) by |= name == channel;
    expected += by;
  }
  EXPECT_EQ(told.size(), expected);
  json edges = Get("/api/network", {{"claimant", channel}})["edges"];
  ASSERT_FALSE(edges.empty());
  for (const auto& e : edges) {
    bool listed = false;
    for (const auto& chain : e["claimed_by"]) listed |= chain.get<std::string>().find(channel) != std::string::npos;
    EXPECT_TRUE(listed) << e;
  }
  // Denied claims only: every edge counts denials and nothing else.
  json denied = Get("/api/network", {{"polarity", "denied"}})["edges"];
  ASSERT_FALSE(denied.empty());
  for (const auto& e : denied) {
    EXPECT_GT(e["denied"].get<int>(), 0);
    EXPECT_EQ(e["asserted"].get<int>() + e["alleged"].get<int>(), 0);
  }
  EXPECT_NE(Get("/api/network", {{"polarity", "maybe"}}, 400)["error"].get<std::string>().find("polarity"),
            std::string::npos);
}

TEST_F(WebApiTest, ActorsAreFoundByANameAndRankedByReports) {
  json all = Get("/api/actors", {{"limit", "50"}})["actors"];
  ASSERT_GE(all.size(), 10u);
  for (size_t i = 1; i < all.size(); ++i) EXPECT_GE(all[i - 1]["reports"], all[i]["reports"]);
  json found = Get("/api/actors", {{"q", "حفتر"}})["actors"];
  bool haftar = false;
  for (const auto& a : found) haftar |= a["key"] == "per:khalifa_haftar" && a["type"] == "PER" && a["claims"] > 0;
  EXPECT_TRUE(haftar) << found;
}

TEST_F(WebApiTest, TheNetworkDownloadsAsCsvAndGraphml) {
  WebApi api(*store_, *text_);
  HttpAnswer csv = api.Get("/api/network", {{"format", "csv"}});
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type.rfind("text/csv", 0), 0u);
  EXPECT_EQ(csv.filename, "isnad-network.csv");
  EXPECT_EQ(csv.body.rfind("source,source_name,type,", 0), 0u);
  HttpAnswer graphml = api.Get("/api/network", {{"format", "graphml"}, {"actor", "per:khalifa_haftar"}});
  EXPECT_NE(graphml.body.find("<graphml"), std::string::npos);
  EXPECT_NE(graphml.body.find("per:khalifa_haftar"), std::string::npos);
  // The page draws the strongest edges; the total says how many there are.
  json limited = Get("/api/network", {{"limit", "3"}});
  EXPECT_EQ(limited["edges"].size(), 3u);
  EXPECT_GT(limited["total"].get<int>(), 3);
}

TEST_F(WebApiTest, StoriesListTheCopyWithItsOriginalAndReportNumbers) {
  json r = Get("/api/stories", {});
  ASSERT_EQ(r["stories"].size(), 1u) << r;
  json reports = r["stories"][0]["reports"];
  ASSERT_EQ(reports.size(), 2u);
  std::set<std::string> ids;
  for (const auto& rep : reports) {
    ids.insert(rep["doc_id"]);
    // The number opens the report.
    json opened = Get("/api/report", {{"id", std::to_string(rep["report"].get<int64_t>())}});
    EXPECT_EQ(opened["doc_id"], rep["doc_id"]);
    if (rep["doc_id"] == "copy") {
      EXPECT_EQ(rep["duplicate_of"], "d07_ec5d9d8005");
    }
  }
  EXPECT_EQ(ids, (std::set<std::string>{"copy", "d07_ec5d9d8005"}));
  Get("/api/stories", {{"limit", "-1"}}, 400);
}

TEST_F(WebApiTest, BadParametersAreNamedAndMissingThingsAreNotFound) {
  auto error = [&](const std::string& path, const QueryParams& params, int status) {
    json r = Get(path, params, status);
    return r.value("error", std::string());
  };
  EXPECT_NE(error("/api/network", {{"from", "2017"}}, 400).find("from"), std::string::npos);
  EXPECT_NE(error("/api/timeline", {{"to", "2017-13-0x"}}, 400).find("to"), std::string::npos);
  EXPECT_NE(error("/api/claims", {{"type", "FIGHT"}}, 400).find("PLOVER"), std::string::npos);
  EXPECT_NE(error("/api/network", {{"limit", "0"}}, 400).find("limit"), std::string::npos);
  EXPECT_NE(error("/api/network", {{"format", "xlsx"}}, 400).find("format"), std::string::npos);
  EXPECT_NE(error("/api/search", {}, 400).find("q"), std::string::npos);
  EXPECT_NE(error("/api/report", {{"id", "abc"}}, 400).find("id"), std::string::npos);
  EXPECT_NE(error("/api/report", {{"id", "99999"}}, 404).find("99999"), std::string::npos);
  EXPECT_NE(error("/api/nothing", {}, 404).find("/api/nothing"), std::string::npos);
}

TEST(WebApi, WhatIsKeptIsReadAgainWhenTheStoreGrows) {
  // The most named actors and the stories are kept between requests; a
  // report added while serving (analyze --db into the same store) shows.
  TempDir dir;
  std::string db = dir.File("isnad.db");
  auto analyze = [&](const std::string& file) {
    std::string cmd = std::string(ISNAD_BINARY) + " analyze -q --db " + db + " " + ISNAD_EXAMPLES_DIR + "/" + file +
                      " >/dev/null 2>&1";
    return std::system(cmd.c_str());
  };
  ASSERT_EQ(analyze("000_cb3f6fc7f2590931.txt"), 0);
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(db, store).ok());
  TextCore text;
  ASSERT_TRUE(TextCore::Load(ISNAD_RESOURCES_DIR, text).ok());
  WebApi api(*store, text);
  auto keys = [&] {
    std::set<std::string> out;
    const json answer = json::parse(api.Get("/api/actors", {{"limit", "1000"}}).body);
    for (const auto& a : answer["actors"]) out.insert(a["key"]);
    return out;
  };
  const std::set<std::string> before = keys();
  EXPECT_EQ(before.count("group:houthis"), 0u);
  ASSERT_EQ(analyze("d07_ec5d9d8005.txt"), 0);  // a report on Yemen
  const std::set<std::string> after = keys();
  EXPECT_EQ(after.count("group:houthis"), 1u);
  EXPECT_GT(after.size(), before.size());
}

TEST(WebServer, ServesThePageAndTheApiOnLoopback) {
  TempDir dir;
  std::string db = dir.File("isnad.db");
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(db, store).ok());
  TextCore text;
  ASSERT_TRUE(TextCore::Load(ISNAD_RESOURCES_DIR, text).ok());
  WebApi api(*store, text);
  WebServer server(api);
  ServeOptions options;
  options.port = 0;
  int port = 0;
  ASSERT_TRUE(server.Bind(options, port).ok());
  ASSERT_GT(port, 0);
  std::thread running([&] { server.Run(); });
  httplib::Client client("127.0.0.1", port);
  auto page = client.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("dir=\"rtl\""), std::string::npos);
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  auto script = client.Get("/app.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->status, 200);
  EXPECT_EQ(script->get_header_value("Content-Type").rfind("text/javascript", 0), 0u);
  auto summary = client.Get("/api/summary");
  ASSERT_TRUE(summary);
  EXPECT_EQ(json::parse(summary->body)["reports"], 0);
  auto bad = client.Get("/api/network?from=yesterday");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto missing = client.Get("/nothing.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  server.Stop();
  running.join();
  // A second server cannot take the same port; the error says which.
  WebServer second(api);
  options.port = port;
  WebServer third(api);
  int ignored = 0;
  ASSERT_TRUE(second.Bind(options, ignored).ok());
  Status taken = third.Bind(options, ignored);
  EXPECT_FALSE(taken.ok());
  EXPECT_NE(taken.message().find(std::to_string(port)), std::string::npos);
}

}  // namespace
}  // namespace isnad
