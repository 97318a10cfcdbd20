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
//   Stories() links reports: MinHash signatures of word 4-shingles (stored at
//   ingest), LSH banding for candidates, near-duplicates at an estimated
//   Jaccard of 0.7, same story at 0.2 with two shared actors and dates at
//   most three days apart.
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

namespace isnad {

struct NetworkFilter {
  std::string actor;  // canonical key or a name; empty: all
  std::string type;   // PLOVER type; empty: all
  std::string from;   // ISO dates of the reports, inclusive; empty: open
  std::string to;
};

struct NetworkEdge {
  std::string source_key, source_name;
  std::string type;
  std::string target_key, target_name;
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
  std::string doc_id, title, date, source;
  double score = 0;  // BM25, lower is better (SQLite's sign)
  std::string text;  // the report, for snippets
};

// The search terms of a text: light stems of its words, Matching-normalized
// (clitics, article and sound plural endings gone, alef forms folded), so
// that a query matches across clitics and spelling variants.
std::vector<std::string> SearchTerms(const Document& doc);

struct StoryReport {
  std::string doc_id, title, date, source;
  std::string duplicate_of;  // doc_id of a near-identical earlier report, if any
};

struct Story {
  std::vector<StoryReport> reports;  // by date
  std::vector<std::string> actors;   // names of the actors most of its reports share
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
