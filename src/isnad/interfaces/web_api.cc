#include "isnad/interfaces/web_api.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>

#include "isnad/document/document.h"

namespace isnad {

namespace {

using nlohmann::json;

std::string Dump(const json& j) {
  // Stored text is valid UTF-8; a stray byte must still not end the answer.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

HttpAnswer Ok(const json& j) {
  HttpAnswer a;
  a.body = Dump(j);
  return a;
}

HttpAnswer Error(int status, const std::string& message) {
  HttpAnswer a;
  a.status = status;
  a.body = Dump(json{{"error", message}});
  return a;
}

json NullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string Param(const QueryParams& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

// A parameter's problem, or empty.
std::string CheckDate(const std::string& name, const std::string& value) {
  if (value.empty()) return "";
  bool ok = value.size() == 10 && value[4] == '-' && value[7] == '-';
  for (size_t i = 0; ok && i < value.size(); ++i)
    if (i != 4 && i != 7 && (value[i] < '0' || value[i] > '9')) ok = false;
  return ok ? "" : name + " must be a date YYYY-MM-DD, not \"" + value + "\"";
}

std::string CheckType(const std::string& value) {
  PloverType type;
  if (value.empty() || ParsePloverType(value, type)) return "";
  return "type must be a PLOVER type (ASSAULT, PROTEST, ...), not \"" + value + "\"";
}

// Reads an integer parameter in [lo, hi]; `fallback` when absent.
std::string ReadInt(const QueryParams& params, const std::string& name, int64_t lo, int64_t hi,
                    int64_t fallback, int64_t& out) {
  std::string v = Param(params, name);
  if (v.empty()) {
    out = fallback;
    return "";
  }
  char* end = nullptr;
  long long n = std::strtoll(v.c_str(), &end, 10);
  if (*end != '\0' || n < lo || n > hi)
    return name + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", not \"" +
           v + "\"";
  out = n;
  return "";
}

// The filter every network question shares; a problem's message or empty.
std::string ReadNetworkFilter(const QueryParams& params, NetworkFilter& f) {
  f.actor = Param(params, "actor");
  f.type = Param(params, "type");
  f.from = Param(params, "from");
  f.to = Param(params, "to");
  f.claimant = Param(params, "claimant");
  f.polarity = Param(params, "polarity");
  for (const std::string& problem : {CheckType(f.type), CheckDate("from", f.from), CheckDate("to", f.to)})
    if (!problem.empty()) return problem;
  if (!f.polarity.empty() && f.polarity != "asserted" && f.polarity != "alleged" && f.polarity != "denied")
    return "polarity must be asserted, alleged or denied, not \"" + f.polarity + "\"";
  return "";
}

json ClaimJson(const StoredClaim& c) {
  return json{{"report", c.report},
              {"doc_id", c.doc_id},
              {"report_title", c.report_title},
              {"report_date", NullIfEmpty(c.report_date)},
              {"outlet", NullIfEmpty(c.outlet)},
              {"source", NullIfEmpty(c.source_key)},
              {"source_name", NullIfEmpty(c.source_name)},
              {"type", c.type},
              {"target", NullIfEmpty(c.target_key)},
              {"target_name", NullIfEmpty(c.target_name)},
              {"polarity", c.polarity},
              {"location", NullIfEmpty(c.location)},
              {"date", NullIfEmpty(c.date)},
              {"claimed_by", c.claimed_by},
              {"evidence", {{"start", c.evidence_start}, {"end", c.evidence_end}, {"text", c.evidence}}}};
}

json EdgeJson(const NetworkEdge& e) {
  return json{{"source", e.source_key},       {"source_name", e.source_name}, {"source_type", e.source_type},
              {"type", e.type},               {"target", e.target_key},       {"target_name", e.target_name},
              {"target_type", e.target_type}, {"claims", e.claims},
              {"reports", e.reports},         {"asserted", e.asserted},       {"alleged", e.alleged},
              {"denied", e.denied},           {"first_date", NullIfEmpty(e.first_date)},
              {"last_date", NullIfEmpty(e.last_date)}, {"outlets", e.outlets}, {"claimed_by", e.claimants}};
}

}  // namespace

HttpAnswer WebApi::Get(const std::string& path, const QueryParams& params) const {
  if (path == "/api/summary") return Summary();
  if (path == "/api/search") return Search(params);
  if (path == "/api/report") return Report(params);
  if (path == "/api/network") return Network(params);
  if (path == "/api/claims") return Claims(params);
  if (path == "/api/timeline") return Timeline(params);
  if (path == "/api/actors") return Actors(params);
  if (path == "/api/stories") return Stories(params);
  return Error(404, "no such question: " + path);
}

HttpAnswer WebApi::Summary() const {
  StoreSummary s;
  std::lock_guard<std::mutex> lock(store_mutex_);
  Status st = store_.Summary(s);
  if (!st.ok()) return Error(500, st.message());
  return Ok(json{{"reports", s.reports},
                 {"actors", s.actors},
                 {"claims", s.claims},
                 {"quotes", s.quotes},
                 {"first_date", NullIfEmpty(s.first_date)},
                 {"last_date", NullIfEmpty(s.last_date)}});
}

HttpAnswer WebApi::Search(const QueryParams& params) const {
  std::string query = Param(params, "q");
  if (query.empty()) return Error(400, "q, the words to find, is missing");
  SearchFilter filter;
  filter.actor = Param(params, "actor");
  filter.from = Param(params, "from");
  filter.to = Param(params, "to");
  for (const std::string& problem : {CheckDate("from", filter.from), CheckDate("to", filter.to)})
    if (!problem.empty()) return Error(400, problem);
  int64_t limit;
  std::string problem = ReadInt(params, "limit", 1, 1000, 20, limit);
  if (!problem.empty()) return Error(400, problem);
  filter.limit = static_cast<int>(limit);
  // The query is read as a report is, so it matches across clitics.
  Document q;
  q.text = query;
  text_core_.Analyze(q.text, q.analysis);
  std::vector<std::string> terms = SearchTerms(q);
  std::vector<SearchHit> hits;
  {
    std::lock_guard<std::mutex> lock(store_mutex_);
    Status st = store_.Search(terms, filter, hits);
    if (!st.ok()) return Error(500, st.message());
  }
  json out_hits = json::array();
  for (const SearchHit& h : hits) {
    Snippet snippet = SearchSnippet(text_core_, h.text, terms);
    json words = json::array();
    for (const SnippetWord& w : snippet.words) words.push_back(json{{"text", w.text}, {"hit", w.hit}});
    out_hits.push_back(json{{"report", h.report},
                            {"doc_id", h.doc_id},
                            {"title", h.title},
                            {"date", NullIfEmpty(h.date)},
                            {"source", NullIfEmpty(h.source)},
                            {"score", -h.score},
                            {"snippet", {{"words", words}, {"cut_before", snippet.cut_before},
                                         {"cut_after", snippet.cut_after}}}});
  }
  return Ok(json{{"query", query}, {"terms", terms}, {"hits", out_hits}});
}

HttpAnswer WebApi::Report(const QueryParams& params) const {
  int64_t id;
  std::string problem = ReadInt(params, "id", 1, INT64_MAX, 0, id);
  if (!problem.empty()) return Error(400, problem);
  if (id == 0) return Error(400, "id, the report's number, is missing");
  StoredReport r;
  std::vector<RelatedReport> related;
  {
    std::lock_guard<std::mutex> lock(store_mutex_);
    Status st = store_.Report(id, r);
    if (!st.ok()) return Error(404, "no report number " + std::to_string(id));
    st = store_.SameStory(id, related);
    if (!st.ok()) return Error(500, st.message());
  }
  json same_story = json::array();
  for (const RelatedReport& o : related)
    same_story.push_back(json{{"report", o.report},
                              {"doc_id", o.doc_id},
                              {"title", o.title},
                              {"date", NullIfEmpty(o.date)},
                              {"source", NullIfEmpty(o.source)},
                              {"duplicate", o.duplicate},
                              {"similarity", o.similarity}});
  json mentions = json::array(), quotes = json::array(), claims = json::array();
  for (const StoredMention& m : r.mentions)
    mentions.push_back(
        json{{"start", m.start}, {"end", m.end}, {"actor", m.actor_key}, {"name", m.actor_name}, {"type", m.type}});
  for (const StoredQuote& q : r.quotes)
    quotes.push_back(json{{"speaker", NullIfEmpty(q.speaker_key)},
                          {"speaker_name", NullIfEmpty(q.speaker_name)},
                          {"cue", q.cue},
                          {"text", q.text},
                          {"start", q.start},
                          {"end", q.end}});
  for (const StoredClaim& c : r.claims) claims.push_back(ClaimJson(c));
  return Ok(json{{"id", r.id},
                 {"doc_id", r.doc_id},
                 {"title", r.title},
                 {"date", NullIfEmpty(r.date)},
                 {"source", NullIfEmpty(r.source)},
                 {"url", NullIfEmpty(r.url)},
                 {"origin", r.origin},
                 {"provenance", r.provenance},
                 {"text", r.text},
                 {"mentions", mentions},
                 {"quotes", quotes},
                 {"claims", claims},
                 {"same_story", same_story}});
}

HttpAnswer WebApi::Network(const QueryParams& params) const {
  NetworkFilter filter;
  std::string problem = ReadNetworkFilter(params, filter);
  int64_t limit = 0;
  if (problem.empty()) problem = ReadInt(params, "limit", 1, 100000, 200, limit);
  std::string format = Param(params, "format");
  if (problem.empty() && !format.empty() && format != "json" && format != "csv" && format != "graphml")
    problem = "format must be json, csv or graphml, not \"" + format + "\"";
  if (!problem.empty()) return Error(400, problem);
  std::vector<NetworkEdge> edges;
  {
    std::lock_guard<std::mutex> lock(store_mutex_);
    Status st = store_.Network(filter, edges);
    if (!st.ok()) return Error(500, st.message());
  }
  // A download is the whole network as filtered; the page draws the
  // strongest edges only.
  if (format == "csv" || format == "graphml") {
    HttpAnswer a;
    if (format == "csv") {
      WriteNetworkCsv(edges, a.body);
      a.content_type = "text/csv; charset=utf-8";
    } else {
      WriteNetworkGraphml(edges, a.body);
      a.content_type = "application/graphml+xml; charset=utf-8";
    }
    a.filename = "isnad-network." + format;
    return a;
  }
  const size_t total = edges.size();
  if (edges.size() > static_cast<size_t>(limit)) edges.resize(static_cast<size_t>(limit));
  json out = json::array();
  for (const NetworkEdge& e : edges) out.push_back(EdgeJson(e));
  return Ok(json{{"total", total}, {"edges", out}});
}

HttpAnswer WebApi::Claims(const QueryParams& params) const {
  ClaimFilter filter;
  std::string problem = ReadNetworkFilter(params, filter.network);
  int64_t limit = 0;
  if (problem.empty()) problem = ReadInt(params, "limit", 1, 10000, 200, limit);
  if (!problem.empty()) return Error(400, problem);
  filter.limit = static_cast<int>(limit);
  filter.source = Param(params, "source");
  filter.target = Param(params, "target");
  std::vector<StoredClaim> claims;
  {
    std::lock_guard<std::mutex> lock(store_mutex_);
    Status st = store_.Claims(filter, claims);
    if (!st.ok()) return Error(500, st.message());
  }
  json out = json::array();
  for (const StoredClaim& c : claims) out.push_back(ClaimJson(c));
  return Ok(json{{"claims", out}});
}

HttpAnswer WebApi::Timeline(const QueryParams& params) const {
  NetworkFilter filter;
  std::string problem = ReadNetworkFilter(params, filter);
  if (!problem.empty()) return Error(400, problem);
  std::vector<TimelineMonth> months;
  {
    std::lock_guard<std::mutex> lock(store_mutex_);
    Status st = store_.Timeline(filter, months);
    if (!st.ok()) return Error(500, st.message());
  }
  json out = json::array();
  for (const TimelineMonth& m : months)
    out.push_back(json{{"month", m.month},
                       {"claims", m.claims},
                       {"reports", m.reports},
                       {"asserted", m.asserted},
                       {"alleged", m.alleged},
                       {"denied", m.denied}});
  return Ok(json{{"months", out}});
}

HttpAnswer WebApi::Actors(const QueryParams& params) const {
  int64_t limit;
  std::string problem = ReadInt(params, "limit", 1, 1000, 30, limit);
  if (!problem.empty()) return Error(400, problem);
  std::vector<ActorSummary> actors;
  {
    std::lock_guard<std::mutex> lock(store_mutex_);
    const std::string query = Param(params, "q");
    if (!query.empty()) {
      Status st = store_.Actors(query, static_cast<int>(limit), actors);
      if (!st.ok()) return Error(500, st.message());
    } else {
      // The most named: a prefix of a longer list read before is the same.
      Status st = Refresh(top_actors_, static_cast<int>(limit), [&](int n, std::vector<ActorSummary>& out) {
        return store_.Actors("", n, out);
      });
      if (!st.ok()) return Error(500, st.message());
      const auto& kept = top_actors_.items;
      actors.assign(kept.begin(), kept.begin() + std::min<int64_t>(limit, static_cast<int64_t>(kept.size())));
    }
  }
  json out = json::array();
  for (const ActorSummary& a : actors)
    out.push_back(json{{"key", a.key}, {"name", a.name}, {"type", a.type}, {"reports", a.reports}, {"claims", a.claims}});
  return Ok(json{{"actors", out}});
}

HttpAnswer WebApi::Stories(const QueryParams& params) const {
  int64_t limit;
  std::string problem = ReadInt(params, "limit", 1, 10000, 100, limit);
  if (!problem.empty()) return Error(400, problem);
  std::vector<Story> stories;  // the largest `limit` of them
  size_t total = 0;
  {
    std::lock_guard<std::mutex> lock(store_mutex_);
    // Stories are found all at once, whatever the limit.
    Status st = Refresh(stories_, 0, [&](int, std::vector<Story>& out) { return store_.Stories(out); });
    if (!st.ok()) return Error(500, st.message());
    const auto& kept = stories_.items;
    total = kept.size();
    stories.assign(kept.begin(), kept.begin() + std::min<int64_t>(limit, static_cast<int64_t>(total)));
  }
  json out = json::array();
  for (const Story& story : stories) {
    json reports = json::array();
    for (const StoryReport& r : story.reports)
      reports.push_back(json{{"report", r.report},
                             {"doc_id", r.doc_id},
                             {"title", r.title},
                             {"date", NullIfEmpty(r.date)},
                             {"source", NullIfEmpty(r.source)},
                             {"duplicate_of", NullIfEmpty(r.duplicate_of)}});
    out.push_back(json{{"actors", story.actors}, {"reports", reports}});
  }
  return Ok(json{{"total", total}, {"stories", out}});
}

}  // namespace isnad
