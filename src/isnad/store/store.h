// The corpus store: analysed reports kept in SQLite, and the actor network
// aggregated from their claims.
//
// WHAT IT TAKES
//   Documents from the pipeline (all stages run), with the provenance string
//   of the engine that produced them.
// WHAT IT GIVES
//   A versioned SQLite database (WAL; schema version in `meta`, migrated on
//   open; a newer schema is refused): reports keyed by a hash of their text
//   (re-ingesting the same report adds nothing), actors keyed by canonical
//   key with every name seen, mentions, quotes and relations. Network()
//   aggregates relations into edges: source actor, type, target actor,
//   claims, reports, outlets, first and last date, polarity counts, who
//   claims them. Search() finds reports by their light stems (FTS5, BM25).
//   Stories() links reports: MinHash signatures of word 4-shingles and their
//   LSH band keys (both stored at ingest; a band key shared by more than
//   200 reports is boilerplate and ignored) give the candidate pairs;
//   near-duplicates at an estimated Jaccard of 0.7, same story at 0.2 with
//   two shared actors and dates at most three days apart. Its memory grows
//   with the reports that have a candidate, not with the store.
// WHAT IT GUARANTEES
//   Each Add() batch is one transaction: a crash leaves no half report.
//
// THREAD SAFETY
//   One Store per thread; SQLite serializes writers across processes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "isnad/base/status.h"
#include "isnad/document/document.h"
#include "isnad/text/text_core.h"

namespace isnad {

struct NetworkFilter {
  std::string actor;  // canonical key or a name; empty: all
  std::string type;   // PLOVER type; empty: all
  std::string from;   // ISO dates of the reports, inclusive; empty: open
  std::string to;
  // Who says so: only claims whose chain of attribution holds this actor
  // (canonical key or a name), at any depth; empty: all.
  std::string claimant;
  std::string polarity;  // asserted, alleged or denied; empty: all
};

struct NetworkEdge {
  std::string source_key, source_name, source_type;  // type: PER, ORG or LOC
  std::string type;
  std::string target_key, target_name, target_type;
  int claims = 0;
  int reports = 0;
  int asserted = 0, alleged = 0, denied = 0;
  std::string first_date, last_date;  // report dates
  std::vector<std::string> outlets;
  std::vector<std::string> claimants;  // names
};

struct SearchFilter {
  std::string actor;  // canonical key or a name; empty: all
  std::string from;   // ISO report dates, inclusive
  std::string to;
  int limit = 20;
};

struct SearchHit {
  int64_t report = 0;  // the report's number in the store (Report() reads it)
  std::string doc_id, title, date, source;
  double score = 0;  // BM25, lower is better (SQLite's sign)
  std::string text;  // the report, for snippets
};

// The search terms of a text: light stems of its words, Matching-normalized
// (clitics, article and sound plural endings gone, alef forms folded), so
// that a query matches across clitics and spelling variants.
std::vector<std::string> SearchTerms(const Document& doc);

// A search snippet: the words around the first word of `text` whose search
// term is one of `terms`, in order, each marked whether it is a hit. Empty
// when no word matches (a hit on the title alone).
struct SnippetWord {
  std::string text;
  bool hit = false;
};
struct Snippet {
  std::vector<SnippetWord> words;
  bool cut_before = false, cut_after = false;  // words of the text left out
};
Snippet SearchSnippet(const TextCore& text_core, const std::string& text, const std::vector<std::string>& terms);

struct StoryReport {
  std::string doc_id, title, date, source;
  int64_t report = 0;  // the report's number in the store
  std::string duplicate_of;  // doc_id of a near-identical earlier report, if any
};

struct Story {
  std::vector<StoryReport> reports;  // by date
  std::vector<std::string> actors;   // names of the actors most of its reports share
};

// One stored claim (relation) with its report and the names of its actors,
// as the claims list and the report view show it. Offsets are code points
// into the report's text; an empty key is an unnamed side.
struct StoredClaim {
  int64_t report = 0;
  std::string doc_id, report_title, report_date, outlet;
  std::string source_key, source_name, type, target_key, target_name;
  std::string polarity, location, date;  // location: a name; date: ISO, the event's when known
  std::vector<std::string> claimed_by;   // names, outermost source first
  int64_t evidence_start = 0, evidence_end = 0;
  std::string evidence;  // the text of the evidence span
};

struct ClaimFilter {
  NetworkFilter network;  // actor (either side), type, report dates
  std::string source;     // canonical keys of one edge's ends; empty: any
  std::string target;
  int limit = 200;
};

struct StoredMention {
  int64_t start = 0, end = 0;  // code points into the report's text
  std::string actor_key, actor_name, type;
};

struct StoredQuote {
  std::string speaker_key, speaker_name;  // empty: an unnamed source
  std::string cue, text;
  int64_t start = 0, end = 0;  // the content, code points
};

struct StoredReport {
  int64_t id = 0;
  std::string doc_id, title, date, source, url, origin, provenance, text;
  std::vector<StoredMention> mentions;  // by start
  std::vector<StoredQuote> quotes;      // by start
  std::vector<StoredClaim> claims;      // by evidence start
};

// A report linked to another as a copy or as the same story (the rules of
// Stories(), applied to one pair).
struct RelatedReport {
  int64_t report = 0;
  std::string doc_id, title, date, source;
  bool duplicate = false;  // a near-identical text; else the same story
  double similarity = 0;   // estimated Jaccard of the two texts' shingles
};

// An actor of the store with how often it appears.
struct ActorSummary {
  std::string key, name, type;
  int reports = 0;  // reports that mention it
  int claims = 0;   // claims with it as source or target
};

// Claims per month of report date, for a timeline.
struct TimelineMonth {
  std::string month;  // YYYY-MM
  int claims = 0, reports = 0, asserted = 0, alleged = 0, denied = 0;
};

struct StoreSummary {
  int64_t reports = 0, actors = 0, claims = 0, quotes = 0;
  std::string first_date, last_date;
};

struct StoreStats {
  int64_t reports = 0, added = 0, skipped_duplicates = 0;
};

class Store {
 public:
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;

  static Status Open(const std::string& path, std::unique_ptr<Store>& out);

  // Adds the documents in one transaction; a document whose text is
  // already stored is skipped.
  Status Add(const std::vector<const Document*>& docs, const std::string& provenance, StoreStats& stats);

  Status Network(const NetworkFilter& filter, std::vector<NetworkEdge>& out) const;
  // Reports matching every term (terms as SearchTerms gives them), best
  // first by BM25.
  Status Search(const std::vector<std::string>& terms, const SearchFilter& filter,
                std::vector<SearchHit>& out) const;
  // Reports on the same story: near-duplicates (syndicated copies,
  // republished wires) and reports that share wording, actors and dates.
  Status Stories(std::vector<Story>& out) const;
  int64_t ReportCount() const;

  // Makes the indexes that reading single reports and actors needs (once
  // per store: seconds for a year of news, nothing after). Ingest does not
  // keep them unless they exist.
  Status PrepareForReading();

  // One report with its mentions, quotes and claims; a missing report is an
  // error that names the number.
  Status Report(int64_t id, StoredReport& out) const;
  // The reports linked to report `id` as near-duplicates or as the same
  // story, the most similar first: the pairs of Stories() that include
  // it, found through its band keys (milliseconds, whatever the store's
  // size, once PrepareForReading has made the reading indexes).
  Status SameStory(int64_t id, std::vector<RelatedReport>& out) const;
  // Single claims, newest report first: an edge's evidence, an actor's.
  Status Claims(const ClaimFilter& filter, std::vector<StoredClaim>& out) const;
  // Claims per month (report dates; undated reports are left out).
  Status Timeline(const NetworkFilter& filter, std::vector<TimelineMonth>& out) const;
  // Actors whose key or a name seen contains `query` (all when empty), the
  // most mentioned first.
  Status Actors(const std::string& query, int limit, std::vector<ActorSummary>& out) const;
  Status Summary(StoreSummary& out) const;

 private:
  Store() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Writers for the network: JSON (one object per line), CSV (RFC 4180, a
// header row), GraphML (actors as nodes, edges with their attributes).
void WriteNetworkJson(const std::vector<NetworkEdge>& edges, std::string& out);
void WriteNetworkCsv(const std::vector<NetworkEdge>& edges, std::string& out);
void WriteNetworkGraphml(const std::vector<NetworkEdge>& edges, std::string& out);

}  // namespace isnad
