// SQLite behind the Store interface; no SQLite type leaves this file.
#include "isnad/store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>

#include "isnad/document/dates.h"
#include "isnad/interfaces/record_json.h"
#include "isnad/text/lexicon.h"
#include "isnad/text/normalize.h"
#include "isnad/text/utf8.h"

namespace isnad {

namespace {

// 2: story_bands, the signatures' LSH bands, kept at ingest.
constexpr int kSchemaVersion = 2;

const char* kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports(
  id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, doc_id TEXT NOT NULL, origin TEXT, source TEXT,
  url TEXT, title TEXT, date TEXT, text TEXT NOT NULL, provenance TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS actors(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, type TEXT NOT NULL, name TEXT NOT NULL,
  generic INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS actor_names(actor INTEGER NOT NULL REFERENCES actors(id), name TEXT NOT NULL,
  UNIQUE(actor, name));
CREATE TABLE IF NOT EXISTS mentions(report INTEGER NOT NULL REFERENCES reports(id),
  actor INTEGER NOT NULL REFERENCES actors(id), start INTEGER NOT NULL, end INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS quotes(report INTEGER NOT NULL REFERENCES reports(id), speaker INTEGER,
  cue TEXT, text TEXT, start INTEGER, end INTEGER);
CREATE TABLE IF NOT EXISTS relations(report INTEGER NOT NULL REFERENCES reports(id), source INTEGER,
  target INTEGER, type TEXT NOT NULL, polarity TEXT NOT NULL, location INTEGER, date TEXT,
  claimed_by TEXT NOT NULL, evidence_start INTEGER, evidence_end INTEGER);
CREATE INDEX IF NOT EXISTS relations_by_edge ON relations(source, type, target);
CREATE TABLE IF NOT EXISTS signatures(report INTEGER PRIMARY KEY REFERENCES reports(id), minhash BLOB NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS report_search USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0');
CREATE INDEX IF NOT EXISTS mentions_by_actor ON mentions(actor);
CREATE TABLE IF NOT EXISTS story_bands(report INTEGER NOT NULL REFERENCES reports(id), band INTEGER NOT NULL);
)sql";

// Indexes only reading one report, or one actor's claims, or one report's
// story, needs: made when a store is first served (PrepareForReading), not
// kept up during every ingest, where they cost time and nothing reads them.
// (Band keys are random: kept in an index during ingest, they rewrote pages
// all over it in every batch, and ingest took a fifth longer.)
const char* kReadingIndexes = R"sql(
CREATE INDEX IF NOT EXISTS relations_by_target ON relations(target);
CREATE INDEX IF NOT EXISTS relations_by_report ON relations(report);
CREATE INDEX IF NOT EXISTS quotes_by_report ON quotes(report);
CREATE INDEX IF NOT EXISTS mentions_by_report ON mentions(report);
CREATE INDEX IF NOT EXISTS story_bands_by_band ON story_bands(band, report);
)sql";

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    ok_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) == SQLITE_OK;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  bool ok() const { return ok_; }
  Statement& Bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& BindNull(int i) {
    sqlite3_bind_null(stmt_, i);
    return *this;
  }
  int Step() { return sqlite3_step(stmt_); }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string Text(int col) const {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    return t ? reinterpret_cast<const char*>(t) : "";
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  Statement& BindBlob(int i, const void* data, size_t size) {
    sqlite3_bind_blob(stmt_, i, data, static_cast<int>(size), SQLITE_TRANSIENT);
    return *this;
  }
  std::vector<uint32_t> Words32(int col) const {
    const auto* data = static_cast<const uint32_t*>(sqlite3_column_blob(stmt_, col));
    size_t n = static_cast<size_t>(sqlite3_column_bytes(stmt_, col)) / sizeof(uint32_t);
    return data ? std::vector<uint32_t>(data, data + n) : std::vector<uint32_t>();
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  bool ok_ = false;
};

std::string Iso(const std::optional<ReportDate>& d) {
  return d ? IsoDate(*d) : std::string();
}

const char* PolarityName(Polarity p) {
  return p == Polarity::kAsserted ? "asserted" : p == Polarity::kAlleged ? "alleged" : "denied";
}

std::vector<std::string> SplitList(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size() && !s.empty()) {
    size_t e = s.find(sep, pos);
    if (e == std::string::npos) e = s.size();
    if (e > pos) out.push_back(s.substr(pos, e - pos));
    pos = e + 1;
  }
  return out;
}

constexpr int kMinHashes = 64;
constexpr int kBands = 16;  // of kMinHashes / kBands rows each
constexpr double kDuplicateJaccard = 0.7;
constexpr double kStoryJaccard = 0.2;
constexpr int kStorySharedActors = 2;
constexpr int kStoryDays = 3;

// MinHash of the set of word 4-shingles: kMinHashes minima of seeded mixes.
std::vector<uint32_t> MinHash(const std::vector<std::string>& terms) {
  std::vector<uint32_t> sig(kMinHashes, UINT32_MAX);
  if (terms.empty()) return sig;
  const size_t width = std::min<size_t>(4, terms.size());
  for (size_t i = 0; i + width <= terms.size(); ++i) {
    std::string shingle;
    for (size_t k = 0; k < width; ++k) {
      shingle += terms[i + k];
      shingle += ' ';
    }
    uint64_t h = HashBytes(shingle);
    for (int j = 0; j < kMinHashes; ++j) {
      uint64_t x = h ^ (0x9e3779b97f4a7c15ULL * static_cast<uint64_t>(j + 1));
      x ^= x >> 31;
      x *= 0xbf58476d1ce4e5b9ULL;
      x ^= x >> 29;
      sig[j] = std::min(sig[j], static_cast<uint32_t>(x >> 32));
    }
  }
  return sig;
}

// The LSH bands of a signature: one key per band of kMinHashes / kBands
// rows, the band's number mixed in, so reports that agree on every row of
// some band share that band's key. Kept in story_bands: the candidates of
// a report are then found by key, not by comparing it with every other.
std::array<int64_t, kBands> BandKeys(const std::vector<uint32_t>& sig) {
  std::array<int64_t, kBands> keys{};
  const int per_band = kMinHashes / kBands;
  for (int b = 0; b < kBands; ++b) {
    uint64_t h = 1469598103934665603ULL ^ static_cast<uint64_t>(b);
    for (int k = 0; k < per_band; ++k) h = (h ^ sig[b * per_band + k]) * 1099511628211ULL;
    keys[b] = static_cast<int64_t>(h);
  }
  return keys;
}

// A band key shared by more reports than this is boilerplate (a standard
// closing paragraph): it links nothing.
constexpr size_t kMaxBandReports = 200;

int DaysBetween(const std::string& a, const std::string& b) {
  auto days = [](const std::string& iso) {
    int y = std::atoi(iso.substr(0, 4).c_str()), m = std::atoi(iso.substr(5, 2).c_str()),
        d = std::atoi(iso.substr(8, 2).c_str());
    // Days from civil (Howard Hinnant's algorithm).
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe;
  };
  return std::abs(days(a) - days(b));
}

// Names of actors by canonical key, read as needed (a store may hold a
// hundred thousand actors; a query needs a few).
class ActorNames {
 public:
  explicit ActorNames(sqlite3* db) : find_(db, "SELECT name FROM actors WHERE key = ?") {}
  const std::string& Of(const std::string& key) {
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    find_.Bind(1, key);
    std::string name = find_.Step() == SQLITE_ROW ? find_.Text(0) : key;
    find_.Reset();
    return cache_.emplace(key, std::move(name)).first->second;
  }
  // A claimant chain stored as keys ("k1 > k2") as names, outermost first.
  std::vector<std::string> Chain(const std::string& chain) {
    std::vector<std::string> names;
    for (const auto& part : SplitList(chain, '>')) {
      std::string k = part;
      while (!k.empty() && k.front() == ' ') k.erase(0, 1);
      while (!k.empty() && k.back() == ' ') k.pop_back();
      if (!k.empty()) names.push_back(Of(k));
    }
    return names;
  }

 private:
  Statement find_;
  std::map<std::string, std::string> cache_;
};

// The actor filter shared by the network, claims and timeline queries:
// parameter ?2, a canonical key or a name seen, on either side of the
// relation `r` (source aliased `sa`, target `ta`).
const char* kEitherSideIsActor =
    " AND (sa.key = ?2 OR ta.key = ?2 OR r.source IN (SELECT actor FROM actor_names WHERE name = ?2) "
    "OR r.target IN (SELECT actor FROM actor_names WHERE name = ?2))";

// Report-date bounds shared by the network and search queries: parameters
// ?3 (from) and ?4 (to) over the reports table aliased `rep`.
void AppendDateFilter(const std::string& from, const std::string& to, std::string& sql) {
  if (!from.empty()) sql += " AND rep.date >= ?3";
  if (!to.empty()) sql += " AND rep.date <= ?4";
}

void BindDateFilter(const std::string& from, const std::string& to, Statement& q) {
  if (!from.empty()) q.Bind(3, from);
  if (!to.empty()) q.Bind(4, to);
}

// The NetworkFilter as SQL over relations `r` (sides `sa`, `ta`) and
// reports `rep`: parameters ?1 type, ?2 actor, ?3 and ?4 dates, ?9
// claimant, ?10 polarity. A chain of claimants is stored as keys joined
// by " > ", so a claimant is looked for between those marks.
void AppendNetworkFilter(const NetworkFilter& f, std::string& sql) {
  if (!f.type.empty()) sql += " AND r.type = ?1";
  if (!f.actor.empty()) sql += kEitherSideIsActor;
  AppendDateFilter(f.from, f.to, sql);
  if (!f.claimant.empty())
    sql +=
        " AND EXISTS (SELECT 1 FROM actors c WHERE (c.key = ?9 OR c.id IN (SELECT actor FROM actor_names WHERE "
        "name = ?9)) AND instr(' > ' || r.claimed_by || ' > ', ' > ' || c.key || ' > ') > 0)";
  if (!f.polarity.empty()) sql += " AND r.polarity = ?10";
}

void BindNetworkFilter(const NetworkFilter& f, Statement& q) {
  if (!f.type.empty()) q.Bind(1, f.type);
  if (!f.actor.empty()) q.Bind(2, f.actor);
  BindDateFilter(f.from, f.to, q);
  if (!f.claimant.empty()) q.Bind(9, f.claimant);
  if (!f.polarity.empty()) q.Bind(10, f.polarity);
}

}  // namespace

std::vector<std::string> SearchTerms(const Document& doc) {
  static const NormalizeOptions match = NormalizeOptions::Matching();
  std::vector<std::string> terms;
  const TextAnalysis& a = doc.analysis;
  for (size_t t = 0; t < a.tokens.size(); ++t) {
    TokenKind k = a.tokens[t].kind;
    if (k != TokenKind::kWord && k != TokenKind::kLatin && k != TokenKind::kNumber &&
        k != TokenKind::kHashtag)
      continue;
    std::string term = Normalize(a.Stem(t), match);
    for (char& c : term)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (!term.empty()) terms.push_back(std::move(term));
  }
  return terms;
}

Snippet SearchSnippet(const TextCore& text_core, const std::string& text, const std::vector<std::string>& terms) {
  constexpr size_t kBefore = 12, kAfter = 18;  // words around the first hit
  Document d;
  d.text = text;
  text_core.Analyze(d.text, d.analysis);
  std::vector<std::string> stems = SearchTerms(d);
  std::vector<size_t> term_tokens;  // the token of each search term, in order
  for (size_t t = 0; t < d.analysis.tokens.size(); ++t) {
    TokenKind k = d.analysis.tokens[t].kind;
    if (k == TokenKind::kWord || k == TokenKind::kLatin || k == TokenKind::kNumber || k == TokenKind::kHashtag)
      term_tokens.push_back(t);
  }
  std::set<std::string> wanted(terms.begin(), terms.end());
  auto is_hit = [&](size_t i) { return i < stems.size() && wanted.count(stems[i]) > 0; };
  Snippet out;
  size_t first = term_tokens.size();
  for (size_t i = 0; i < term_tokens.size(); ++i)
    if (is_hit(i)) {
      first = i;
      break;
    }
  if (first == term_tokens.size()) return out;
  size_t lo = first >= kBefore ? first - kBefore : 0, hi = std::min(term_tokens.size(), first + kAfter);
  for (size_t i = lo; i < hi; ++i) {
    const Token& tok = d.analysis.tokens[term_tokens[i]];
    out.words.push_back({d.text.substr(tok.begin, tok.end - tok.begin), is_hit(i)});
  }
  out.cut_before = lo > 0;
  out.cut_after = hi < term_tokens.size();
  return out;
}

struct Store::Impl {
  sqlite3* db = nullptr;
  std::string path;
  ~Impl() {
    if (db) sqlite3_close(db);
  }
  Status Exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = path + ": " + (error ? error : "SQLite error");
      sqlite3_free(error);
      return Status::Error(message);
    }
    return Status::Ok();
  }
  Status Error(const std::string& what) const {
    return Status::Error(path + ": " + what + ": " + sqlite3_errmsg(db));
  }
  // story_bands from the stored signatures: a store written before schema
  // version 2 kept the signatures only.
  Status FillStoryBands() {
    Statement q(db, "SELECT report, minhash FROM signatures");
    Statement add(db, "INSERT INTO story_bands(band, report) VALUES(?,?)");
    if (!q.ok() || !add.ok()) return Error("cannot read signatures");
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      std::vector<uint32_t> sig = q.Words32(1);
      if (sig.size() != static_cast<size_t>(kMinHashes)) continue;
      for (int64_t band : BandKeys(sig)) {
        add.Bind(1, band).Bind(2, q.Int(0));
        if (add.Step() != SQLITE_DONE) return Error("cannot store story bands");
        add.Reset();
      }
    }
    return rc == SQLITE_DONE ? Status::Ok() : Error("cannot read signatures");
  }
};

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

Status Store::Open(const std::string& path, std::unique_ptr<Store>& out) {
  std::unique_ptr<Store> store(new Store());
  store->impl_ = std::make_unique<Impl>();
  Impl& s = *store->impl_;
  s.path = path;
  if (sqlite3_open_v2(path.c_str(), &s.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
    return s.Error("cannot open the store");
  sqlite3_busy_timeout(s.db, 10000);
  Status st = s.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  if (!st.ok()) return st;
  st = s.Exec(kSchemaV1);
  if (!st.ok()) return st;
  Statement version(s.db, "SELECT value FROM meta WHERE key='schema_version'");
  if (version.Step() == SQLITE_ROW) {
    int v = std::atoi(version.Text(0).c_str());
    if (v > kSchemaVersion)
      return Status::Error(path + ": store schema version " + std::to_string(v) +
                           " is newer than this isnad (" + std::to_string(kSchemaVersion) + ")");
    // Migrations from older versions, one step at a time.
    if (v < 2) {
      st = s.Exec("BEGIN IMMEDIATE");
      if (st.ok()) st = s.FillStoryBands();
      if (st.ok()) st = s.Exec("UPDATE meta SET value = '2' WHERE key = 'schema_version'; COMMIT");
      if (!st.ok()) {
        s.Exec("ROLLBACK");
        return st;
      }
    }
  } else {
    Statement set(s.db, "INSERT INTO meta(key, value) VALUES('schema_version', ?)");
    set.Bind(1, std::to_string(kSchemaVersion));
    if (set.Step() != SQLITE_DONE) return s.Error("cannot write the schema version");
  }
  out = std::move(store);
  return Status::Ok();
}

Status Store::PrepareForReading() { return impl_->Exec(kReadingIndexes); }

int64_t Store::ReportCount() const {
  Statement count(impl_->db, "SELECT COUNT(*) FROM reports");
  return count.Step() == SQLITE_ROW ? count.Int(0) : 0;
}

Status Store::Add(const std::vector<const Document*>& docs, const std::string& provenance,
                  StoreStats& stats) {
  Impl& s = *impl_;
  Status st = s.Exec("BEGIN IMMEDIATE");
  if (!st.ok()) return st;
  auto fail = [&](const std::string& what) {
    Status e = s.Error(what);
    s.Exec("ROLLBACK");
    return e;
  };
  Statement find_report(s.db, "SELECT id FROM reports WHERE hash = ?");
  Statement add_report(
      s.db,
      "INSERT INTO reports(hash, doc_id, origin, source, url, title, date, text, provenance) "
      "VALUES(?,?,?,?,?,?,?,?,?)");
  // An actor of the lexicon goes by the lexicon's name (?5 set); any other
  // by the fullest name seen. (The fullest name seen let one misread
  // report, a list of tags read as one name, rename the Saudi king for
  // every report.)
  Statement add_actor(
      s.db,
      "INSERT INTO actors(key, type, name, generic) VALUES(?1,?2,?3,?4) ON CONFLICT(key) DO UPDATE "
      "SET name = excluded.name WHERE excluded.name != actors.name AND "
      "(?5 OR length(excluded.name) > length(actors.name))");
  Statement find_actor(s.db, "SELECT id FROM actors WHERE key = ?");
  Statement add_name(s.db, "INSERT OR IGNORE INTO actor_names(actor, name) VALUES(?,?)");
  Statement add_mention(s.db, "INSERT INTO mentions(report, actor, start, end) VALUES(?,?,?,?)");
  Statement add_quote(s.db, "INSERT INTO quotes(report, speaker, cue, text, start, end) VALUES(?,?,?,?,?,?)");
  Statement add_relation(
      s.db,
      "INSERT INTO relations(report, source, target, type, polarity, location, date, claimed_by, "
      "evidence_start, evidence_end) VALUES(?,?,?,?,?,?,?,?,?,?)");
  Statement add_search(s.db, "INSERT INTO report_search(rowid, terms) VALUES(?,?)");
  Statement add_signature(s.db, "INSERT INTO signatures(report, minhash) VALUES(?,?)");
  Statement add_band(s.db, "INSERT INTO story_bands(band, report) VALUES(?,?)");
  if (!add_search.ok() || !add_signature.ok() || !add_band.ok() || !find_report.ok() || !add_report.ok() || !add_actor.ok() ||
      !find_actor.ok() || !add_name.ok() || !add_mention.ok() || !add_quote.ok() || !add_relation.ok())
    return fail("cannot prepare statements");
  for (const Document* doc : docs) {
    ++stats.reports;
    char hash[40];
    std::snprintf(hash, sizeof hash, "%016llx-%zu", static_cast<unsigned long long>(HashBytes(doc->text)),
                  doc->text.size());
    find_report.Bind(1, std::string(hash));
    bool exists = find_report.Step() == SQLITE_ROW;
    find_report.Reset();
    if (exists) {
      ++stats.skipped_duplicates;
      continue;
    }
    add_report.Bind(1, std::string(hash)).Bind(2, doc->id).Bind(3, doc->origin);
    if (doc->source)
      add_report.Bind(4, *doc->source);
    else
      add_report.BindNull(4);
    if (doc->url)
      add_report.Bind(5, *doc->url);
    else
      add_report.BindNull(5);
    add_report.Bind(6, doc->title);
    if (doc->date)
      add_report.Bind(7, Iso(doc->date));
    else
      add_report.BindNull(7);
    add_report.Bind(8, doc->text).Bind(9, provenance);
    if (add_report.Step() != SQLITE_DONE) return fail("cannot add report " + doc->id);
    add_report.Reset();
    const int64_t report = sqlite3_last_insert_rowid(s.db);
    ++stats.added;
    {
      std::string terms;
      for (const auto& term : SearchTerms(*doc)) {
        if (!terms.empty()) terms += ' ';
        terms += term;
      }
      if (doc->title.size() && doc->text.find(doc->title) == std::string::npos) {
        terms += ' ';
        terms += Normalize(doc->title, NormalizeOptions::Matching());
      }
      add_search.Bind(1, report).Bind(2, terms);
      if (add_search.Step() != SQLITE_DONE) return fail("cannot index report " + doc->id);
      add_search.Reset();
      std::vector<uint32_t> sig = MinHash(SearchTerms(*doc));
      add_signature.Bind(1, report).BindBlob(2, sig.data(), sig.size() * sizeof(uint32_t));
      if (add_signature.Step() != SQLITE_DONE) return fail("cannot store the signature of " + doc->id);
      add_signature.Reset();
      for (int64_t band : BandKeys(sig)) {
        add_band.Bind(1, band).Bind(2, report);
        if (add_band.Step() != SQLITE_DONE) return fail("cannot store the signature of " + doc->id);
        add_band.Reset();
      }
    }

    utf8::CodePointIndex index(doc->text);
    std::vector<int64_t> actor_id(doc->entities.size(), 0);
    for (size_t e = 0; e < doc->entities.size(); ++e) {
      const Entity& ent = doc->entities[e];
      if (ent.type == EntityType::kMisc) continue;
      const bool lexicon = !ent.lexicon_name.empty();
      add_actor.Bind(1, ent.key)
          .Bind(2, std::string(EntityTypeName(ent.type)))
          .Bind(3, lexicon ? ent.lexicon_name : ent.name)
          .Bind(4, int64_t{ent.generic})
          .Bind(5, int64_t{lexicon});
      if (add_actor.Step() != SQLITE_DONE) return fail("cannot add actor " + ent.key);
      add_actor.Reset();
      find_actor.Bind(1, ent.key);
      if (find_actor.Step() != SQLITE_ROW) return fail("cannot find actor " + ent.key);
      actor_id[e] = find_actor.Int(0);
      find_actor.Reset();
      for (int mi : ent.mentions) {
        const Mention& m = doc->mentions[mi];
        add_name.Bind(1, actor_id[e]).Bind(2, doc->text.substr(m.span.begin, m.span.end - m.span.begin));
        add_name.Step();
        add_name.Reset();
        add_mention.Bind(1, report)
            .Bind(2, actor_id[e])
            .Bind(3, int64_t{index.ToCodePoint(m.span.begin)})
            .Bind(4, int64_t{index.ToCodePoint(m.span.end)});
        if (add_mention.Step() != SQLITE_DONE) return fail("cannot add a mention");
        add_mention.Reset();
      }
    }
    auto actor_or_null = [&](Statement& stmt, int col, int e) {
      if (e >= 0 && actor_id[e] > 0)
        stmt.Bind(col, actor_id[e]);
      else
        stmt.BindNull(col);
    };
    for (const Quote& q : doc->quotes) {
      add_quote.Bind(1, report);
      actor_or_null(add_quote, 2, q.speaker);
      add_quote.Bind(3, doc->text.substr(q.cue.begin, q.cue.end - q.cue.begin))
          .Bind(4, doc->text.substr(q.content.begin, q.content.end - q.content.begin))
          .Bind(5, int64_t{index.ToCodePoint(q.content.begin)})
          .Bind(6, int64_t{index.ToCodePoint(q.content.end)});
      if (add_quote.Step() != SQLITE_DONE) return fail("cannot add a quote");
      add_quote.Reset();
    }
    for (const Relation& r : doc->relations) {
      std::string claimed;  // the chain, outermost first, as actor keys
      for (int c : r.claimed_by) {
        if (!claimed.empty()) claimed += " > ";
        claimed += doc->entities[c].key;
      }
      add_relation.Bind(1, report);
      actor_or_null(add_relation, 2, r.source);
      actor_or_null(add_relation, 3, r.target);
      add_relation.Bind(4, std::string(PloverTypeName(r.type)))
          .Bind(5, std::string(PolarityName(r.polarity)));
      actor_or_null(add_relation, 6, r.location);
      if (r.date)
        add_relation.Bind(7, Iso(r.date));
      else
        add_relation.BindNull(7);
      add_relation.Bind(8, claimed)
          .Bind(9, int64_t{index.ToCodePoint(r.evidence.begin)})
          .Bind(10, int64_t{index.ToCodePoint(r.evidence.end)});
      if (add_relation.Step() != SQLITE_DONE) return fail("cannot add a relation");
      add_relation.Reset();
    }
  }
  return s.Exec("COMMIT");
}

Status Store::Network(const NetworkFilter& f, std::vector<NetworkEdge>& out) const {
  Impl& s = *impl_;
  std::string sql =
      "SELECT sa.key, sa.name, r.type, ta.key, ta.name, COUNT(*), COUNT(DISTINCT r.report), "
      "SUM(r.polarity='asserted'), SUM(r.polarity='alleged'), SUM(r.polarity='denied'), "
      "MIN(rep.date), MAX(rep.date), GROUP_CONCAT(DISTINCT rep.source), "
      "GROUP_CONCAT(DISTINCT NULLIF(r.claimed_by, '')), sa.type, ta.type "
      "FROM relations r JOIN actors sa ON sa.id = r.source JOIN actors ta ON ta.id = r.target "
      "JOIN reports rep ON rep.id = r.report WHERE 1";
  AppendNetworkFilter(f, sql);
  sql += " GROUP BY sa.id, r.type, ta.id ORDER BY COUNT(*) DESC, sa.key, r.type, ta.key";
  Statement q(s.db, sql.c_str());
  if (!q.ok()) return s.Error("cannot query the network");
  BindNetworkFilter(f, q);
  // Claimants are stored as chains of keys: show their names.
  ActorNames names(s.db);
  out.clear();
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    NetworkEdge e;
    e.source_key = q.Text(0);
    e.source_name = q.Text(1);
    e.type = q.Text(2);
    e.target_key = q.Text(3);
    e.target_name = q.Text(4);
    e.claims = static_cast<int>(q.Int(5));
    e.reports = static_cast<int>(q.Int(6));
    e.asserted = static_cast<int>(q.Int(7));
    e.alleged = static_cast<int>(q.Int(8));
    e.denied = static_cast<int>(q.Int(9));
    e.first_date = q.Text(10);
    e.last_date = q.Text(11);
    e.outlets = SplitList(q.Text(12), ',');
    e.source_type = q.Text(14);
    e.target_type = q.Text(15);
    std::set<std::string> claimants;
    for (const auto& chain : SplitList(q.Text(13), ',')) {
      std::string named;
      for (const auto& name : names.Chain(chain)) named += (named.empty() ? "" : " > ") + name;
      claimants.insert(named);
    }
    e.claimants.assign(claimants.begin(), claimants.end());
    out.push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) return s.Error("network query failed");
  return Status::Ok();
}

Status Store::Search(const std::vector<std::string>& terms, const SearchFilter& f,
                     std::vector<SearchHit>& out) const {
  Impl& s = *impl_;
  out.clear();
  if (terms.empty()) return Status::Ok();
  // Each term quoted: FTS5 syntax in a query is not the user's to write.
  std::string match;
  for (const auto& t : terms) {
    if (!match.empty()) match += ' ';
    match += '"';
    for (char c : t) {
      if (c == '"') match += '"';
      match += c;
    }
    match += '"';
  }
  std::string sql =
      "SELECT rep.doc_id, rep.title, rep.date, rep.source, bm25(report_search), rep.text, rep.id FROM report_search "
      "JOIN reports rep ON rep.id = report_search.rowid WHERE report_search MATCH ?1";
  if (!f.actor.empty())
    sql +=
        " AND rep.id IN (SELECT m.report FROM mentions m JOIN actors a ON a.id = m.actor WHERE a.key = ?2 OR "
        "a.id IN (SELECT actor FROM actor_names WHERE name = ?2))";
  AppendDateFilter(f.from, f.to, sql);
  sql += " ORDER BY bm25(report_search), rep.id LIMIT ?5";
  Statement q(s.db, sql.c_str());
  if (!q.ok()) return s.Error("cannot query the search index");
  q.Bind(1, match);
  if (!f.actor.empty()) q.Bind(2, f.actor);
  BindDateFilter(f.from, f.to, q);
  q.Bind(5, int64_t{f.limit});
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    SearchHit h;
    h.doc_id = q.Text(0);
    h.title = q.Text(1);
    h.date = q.Text(2);
    h.source = q.Text(3);
    h.score = q.Double(4);
    h.text = q.Text(5);
    h.report = q.Int(6);
    out.push_back(std::move(h));
  }
  if (rc != SQLITE_DONE) return s.Error("search failed");
  return Status::Ok();
}

namespace {

// How two reports are linked, from their MinHash signatures, the actors
// they name (not generic ones) and their dates.
enum class StoryLink { kNone, kDuplicate, kStory };

StoryLink LinkOf(const std::vector<uint32_t>& sig_a, const std::vector<uint32_t>& sig_b,
                 const std::set<int64_t>& actors_a, const std::set<int64_t>& actors_b, const std::string& date_a,
                 const std::string& date_b) {
  int same = 0;
  for (int k = 0; k < kMinHashes; ++k) same += sig_a[k] == sig_b[k];
  double jaccard = static_cast<double>(same) / kMinHashes;
  if (jaccard < kStoryJaccard) return StoryLink::kNone;
  int shared = 0;
  for (int64_t a : actors_a) shared += static_cast<int>(actors_b.count(a));
  // Templated texts (a cable of congratulations to another country) are
  // near-identical but not the same report: a copy names the same actors.
  size_t all_actors = actors_a.size() + actors_b.size() - shared;
  bool same_actors = all_actors == 0 || 2 * shared >= static_cast<int>(all_actors);
  if (jaccard >= kDuplicateJaccard && same_actors) return StoryLink::kDuplicate;
  bool close = date_a.empty() || date_b.empty() || DaysBetween(date_a, date_b) <= kStoryDays;
  return shared >= kStorySharedActors && close ? StoryLink::kStory : StoryLink::kNone;
}

// The named (not generic) actors of one report.
std::set<int64_t> NamedActorsOf(sqlite3* db, int64_t report) {
  std::set<int64_t> actors;
  Statement a(db,
              "SELECT DISTINCT m.actor FROM mentions m JOIN actors x ON x.id = m.actor WHERE m.report = ? AND "
              "x.generic = 0");
  a.Bind(1, report);
  while (a.Step() == SQLITE_ROW) actors.insert(a.Int(0));
  return actors;
}

}  // namespace

Status Store::Stories(std::vector<Story>& out) const {
  Impl& s = *impl_;
  out.clear();
  // Candidate pairs: reports that share a band key, read in key order (from
  // the reading index, or sorted by SQLite in bounded memory), so that
  // memory holds the pairs and the reports in them, not every signature of
  // the store.
  std::set<std::pair<int64_t, int64_t>> pairs;
  {
    Statement q(s.db, "SELECT band, report FROM story_bands ORDER BY band, report");
    if (!q.ok()) return s.Error("cannot read story bands");
    std::vector<int64_t> members;
    int64_t band = 0;
    auto flush = [&] {
      if (members.size() >= 2 && members.size() <= kMaxBandReports)
        for (size_t x = 0; x < members.size(); ++x)
          for (size_t y = x + 1; y < members.size(); ++y) pairs.emplace(members[x], members[y]);
      members.clear();
    };
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      if (!members.empty() && q.Int(0) != band) flush();
      band = q.Int(0);
      if (members.size() <= kMaxBandReports) members.push_back(q.Int(1));
    }
    if (rc != SQLITE_DONE) return s.Error("cannot read story bands");
    flush();
  }
  struct Row {
    int64_t id;
    std::string doc_id, title, date, source;
    std::vector<uint32_t> sig;
    std::set<int64_t> actors;
  };
  std::vector<Row> rows;
  std::map<int64_t, size_t> index_of;
  {
    std::set<int64_t> linked;
    for (const auto& [a, b] : pairs) {
      linked.insert(a);
      linked.insert(b);
    }
    Statement q(s.db,
                "SELECT r.id, r.doc_id, r.title, r.date, r.source, g.minhash FROM reports r "
                "JOIN signatures g ON g.report = r.id WHERE r.id = ?");
    if (!q.ok()) return s.Error("cannot read signatures");
    for (int64_t id : linked) {
      q.Bind(1, id);
      if (q.Step() == SQLITE_ROW) {
        Row row;
        row.id = q.Int(0);
        row.doc_id = q.Text(1);
        row.title = q.Text(2);
        row.date = q.Text(3);
        row.source = q.Text(4);
        row.sig = q.Words32(5);
        if (row.sig.size() == static_cast<size_t>(kMinHashes)) rows.push_back(std::move(row));
      }
      q.Reset();
    }
    // In date order: the first of a set of copies is the original.
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      return a.date != b.date ? a.date < b.date : a.id < b.id;
    });
    for (size_t i = 0; i < rows.size(); ++i) index_of[rows[i].id] = i;
  }
  {
    Statement a(s.db,
                "SELECT DISTINCT m.report, m.actor FROM mentions m JOIN actors x ON x.id = m.actor WHERE "
                "x.generic = 0");
    while (a.Step() == SQLITE_ROW) {
      auto it = index_of.find(a.Int(0));
      if (it != index_of.end()) rows[it->second].actors.insert(a.Int(1));
    }
  }
  std::set<std::pair<size_t, size_t>> candidates;
  for (const auto& [a, b] : pairs) {
    auto x = index_of.find(a), y = index_of.find(b);
    if (x != index_of.end() && y != index_of.end())
      candidates.emplace(std::min(x->second, y->second), std::max(x->second, y->second));
  }
  std::vector<size_t> parent(rows.size());
  for (size_t i = 0; i < parent.size(); ++i) parent[i] = i;
  std::function<size_t(size_t)> find = [&](size_t x) {
    return parent[x] == x ? x : parent[x] = find(parent[x]);
  };
  std::map<size_t, size_t> duplicate_of;
  for (auto [i, j] : candidates) {
    StoryLink link = LinkOf(rows[i].sig, rows[j].sig, rows[i].actors, rows[j].actors, rows[i].date, rows[j].date);
    if (link == StoryLink::kNone) continue;
    if (link == StoryLink::kDuplicate && !duplicate_of.count(j)) duplicate_of[j] = i;  // rows are in date order
    parent[find(j)] = find(i);
  }
  std::map<size_t, std::vector<size_t>> groups;
  for (size_t i = 0; i < rows.size(); ++i) groups[find(i)].push_back(i);
  // Names of the actors stories name, one at a time: not every actor of the store.
  std::map<int64_t, std::string> actor_name;
  Statement name_of(s.db, "SELECT name FROM actors WHERE id = ?");
  auto name = [&](int64_t id) -> const std::string& {
    auto it = actor_name.find(id);
    if (it != actor_name.end()) return it->second;
    name_of.Bind(1, id);
    std::string n = name_of.Step() == SQLITE_ROW ? name_of.Text(0) : std::string();
    name_of.Reset();
    return actor_name.emplace(id, std::move(n)).first->second;
  };
  for (const auto& [root, members] : groups) {
    if (members.size() < 2) continue;
    Story story;
    std::map<int64_t, int> actor_count;
    for (size_t m : members) {
      StoryReport r{rows[m].doc_id, rows[m].title, rows[m].date, rows[m].source, rows[m].id, ""};
      auto d = duplicate_of.find(m);
      if (d != duplicate_of.end()) r.duplicate_of = rows[d->second].doc_id;
      story.reports.push_back(std::move(r));
      for (int64_t a : rows[m].actors) actor_count[a]++;
    }
    for (const auto& [a, c] : actor_count)
      if (c * 2 > static_cast<int>(members.size())) story.actors.push_back(name(a));
    out.push_back(std::move(story));
  }
  // Largest stories first.
  std::stable_sort(out.begin(), out.end(),
                   [](const Story& a, const Story& b) { return a.reports.size() > b.reports.size(); });
  return Status::Ok();
}

namespace {

// The claims query: every relation with its report and the names of its
// sides and place, filtered as ClaimFilter says (the network filter's
// parameters, and ?5 limit, ?6 source key, ?7 target key, ?8 report).
std::string ClaimsSql(const ClaimFilter& f, int64_t report) {
  std::string sql =
      "SELECT r.report, rep.doc_id, rep.title, rep.date, rep.source, sa.key, sa.name, r.type, ta.key, "
      "ta.name, r.polarity, la.name, r.date, r.claimed_by, r.evidence_start, r.evidence_end, "
      "substr(rep.text, r.evidence_start + 1, r.evidence_end - r.evidence_start) "
      "FROM relations r JOIN reports rep ON rep.id = r.report LEFT JOIN actors sa ON sa.id = r.source "
      "LEFT JOIN actors ta ON ta.id = r.target LEFT JOIN actors la ON la.id = r.location WHERE 1";
  AppendNetworkFilter(f.network, sql);
  if (!f.source.empty()) sql += " AND sa.key = ?6";
  if (!f.target.empty()) sql += " AND ta.key = ?7";
  if (report > 0) sql += " AND r.report = ?8 ORDER BY r.evidence_start, r.rowid";
  else sql += " ORDER BY rep.date IS NULL, rep.date DESC, r.report DESC, r.evidence_start";
  sql += " LIMIT ?5";
  return sql;
}

Status ReadClaims(sqlite3* db, const std::string& path, const ClaimFilter& f, int64_t report,
                  std::vector<StoredClaim>& out) {
  Statement q(db, ClaimsSql(f, report).c_str());
  if (!q.ok()) return Status::Error(path + ": cannot query claims: " + sqlite3_errmsg(db));
  BindNetworkFilter(f.network, q);
  q.Bind(5, int64_t{report > 0 ? -1 : f.limit});
  if (!f.source.empty()) q.Bind(6, f.source);
  if (!f.target.empty()) q.Bind(7, f.target);
  if (report > 0) q.Bind(8, report);
  ActorNames names(db);
  out.clear();
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    StoredClaim c;
    c.report = q.Int(0);
    c.doc_id = q.Text(1);
    c.report_title = q.Text(2);
    c.report_date = q.Text(3);
    c.outlet = q.Text(4);
    c.source_key = q.Text(5);
    c.source_name = q.Text(6);
    c.type = q.Text(7);
    c.target_key = q.Text(8);
    c.target_name = q.Text(9);
    c.polarity = q.Text(10);
    c.location = q.Text(11);
    c.date = q.Text(12);
    c.claimed_by = names.Chain(q.Text(13));
    c.evidence_start = q.Int(14);
    c.evidence_end = q.Int(15);
    c.evidence = q.Text(16);
    out.push_back(std::move(c));
  }
  if (rc != SQLITE_DONE) return Status::Error(path + ": claims query failed: " + sqlite3_errmsg(db));
  return Status::Ok();
}

}  // namespace

Status Store::SameStory(int64_t id, std::vector<RelatedReport>& out) const {
  Impl& s = *impl_;
  out.clear();
  std::vector<uint32_t> sig;
  std::string date;
  {
    Statement q(s.db, "SELECT g.minhash, r.date FROM signatures g JOIN reports r ON r.id = g.report WHERE r.id = ?");
    if (!q.ok()) return s.Error("cannot read signatures");
    q.Bind(1, id);
    if (q.Step() != SQLITE_ROW) return Status::Ok();  // no signature: links nothing
    sig = q.Words32(0);
    date = q.Text(1);
  }
  if (sig.size() != static_cast<size_t>(kMinHashes)) return Status::Ok();
  // The candidates are the reports that share a band key with this one,
  // as in Stories(): the same pairs, found by key.
  std::set<int64_t> candidates;
  {
    Statement q(s.db, "SELECT report FROM story_bands WHERE band = ? LIMIT ?");
    if (!q.ok()) return s.Error("cannot read story bands");
    std::vector<int64_t> members;
    for (int64_t band : BandKeys(sig)) {
      members.clear();
      q.Bind(1, band).Bind(2, static_cast<int64_t>(kMaxBandReports) + 1);
      while (q.Step() == SQLITE_ROW) members.push_back(q.Int(0));
      q.Reset();
      if (members.size() <= kMaxBandReports) candidates.insert(members.begin(), members.end());
    }
    candidates.erase(id);
  }
  const std::set<int64_t> actors = NamedActorsOf(s.db, id);
  Statement q(s.db,
              "SELECT r.id, r.doc_id, r.title, r.date, r.source, g.minhash FROM reports r JOIN signatures g ON "
              "g.report = r.id WHERE r.id = ?");
  if (!q.ok()) return s.Error("cannot read signatures");
  for (int64_t other_id : candidates) {
    q.Bind(1, other_id);
    const int rc = q.Step();
    if (rc != SQLITE_ROW) {
      q.Reset();
      if (rc == SQLITE_DONE) continue;
      return s.Error("cannot read signatures");
    }
    std::vector<uint32_t> other = q.Words32(5);
    std::string other_date = q.Text(3);
    StoryLink link = other.size() == static_cast<size_t>(kMinHashes)
                         ? LinkOf(sig, other, actors, NamedActorsOf(s.db, other_id), date, other_date)
                         : StoryLink::kNone;
    if (link != StoryLink::kNone) {
      int same = 0;
      for (int k = 0; k < kMinHashes; ++k) same += sig[k] == other[k];
      RelatedReport r;
      r.report = other_id;
      r.doc_id = q.Text(1);
      r.title = q.Text(2);
      r.date = other_date;
      r.source = q.Text(4);
      r.duplicate = link == StoryLink::kDuplicate;
      r.similarity = static_cast<double>(same) / kMinHashes;
      out.push_back(std::move(r));
    }
    q.Reset();
  }
  std::sort(out.begin(), out.end(), [](const RelatedReport& a, const RelatedReport& b) {
    return a.similarity != b.similarity ? a.similarity > b.similarity : a.report < b.report;
  });
  return Status::Ok();
}

Status Store::Claims(const ClaimFilter& filter, std::vector<StoredClaim>& out) const {
  return ReadClaims(impl_->db, impl_->path, filter, 0, out);
}

Status Store::Report(int64_t id, StoredReport& out) const {
  Impl& s = *impl_;
  out = StoredReport();
  {
    Statement q(s.db,
                "SELECT id, doc_id, title, date, source, url, origin, provenance, text FROM reports WHERE id = ?");
    if (!q.ok()) return s.Error("cannot query reports");
    q.Bind(1, id);
    if (q.Step() != SQLITE_ROW) return Status::Error(s.path + ": no report number " + std::to_string(id));
    out.id = q.Int(0);
    out.doc_id = q.Text(1);
    out.title = q.Text(2);
    out.date = q.Text(3);
    out.source = q.Text(4);
    out.url = q.Text(5);
    out.origin = q.Text(6);
    out.provenance = q.Text(7);
    out.text = q.Text(8);
  }
  {
    Statement q(s.db,
                "SELECT m.start, m.end, a.key, a.name, a.type FROM mentions m JOIN actors a ON a.id = m.actor "
                "WHERE m.report = ? ORDER BY m.start, m.end");
    if (!q.ok()) return s.Error("cannot query mentions");
    q.Bind(1, id);
    while (q.Step() == SQLITE_ROW)
      out.mentions.push_back({q.Int(0), q.Int(1), q.Text(2), q.Text(3), q.Text(4)});
  }
  {
    Statement q(s.db,
                "SELECT a.key, a.name, q.cue, q.text, q.start, q.end FROM quotes q LEFT JOIN actors a ON a.id = "
                "q.speaker WHERE q.report = ? ORDER BY q.start, q.rowid");
    if (!q.ok()) return s.Error("cannot query quotes");
    q.Bind(1, id);
    while (q.Step() == SQLITE_ROW)
      out.quotes.push_back({q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4), q.Int(5)});
  }
  return ReadClaims(s.db, s.path, ClaimFilter(), id, out.claims);
}

Status Store::Timeline(const NetworkFilter& f, std::vector<TimelineMonth>& out) const {
  Impl& s = *impl_;
  std::string sql =
      "SELECT substr(rep.date, 1, 7) AS month, COUNT(*), COUNT(DISTINCT r.report), "
      "SUM(r.polarity='asserted'), SUM(r.polarity='alleged'), SUM(r.polarity='denied') "
      "FROM relations r JOIN reports rep ON rep.id = r.report LEFT JOIN actors sa ON sa.id = r.source "
      "LEFT JOIN actors ta ON ta.id = r.target WHERE rep.date IS NOT NULL";
  AppendNetworkFilter(f, sql);
  sql += " GROUP BY month ORDER BY month";
  Statement q(s.db, sql.c_str());
  if (!q.ok()) return s.Error("cannot query the timeline");
  BindNetworkFilter(f, q);
  out.clear();
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    TimelineMonth m;
    m.month = q.Text(0);
    m.claims = static_cast<int>(q.Int(1));
    m.reports = static_cast<int>(q.Int(2));
    m.asserted = static_cast<int>(q.Int(3));
    m.alleged = static_cast<int>(q.Int(4));
    m.denied = static_cast<int>(q.Int(5));
    out.push_back(std::move(m));
  }
  if (rc != SQLITE_DONE) return s.Error("timeline query failed");
  return Status::Ok();
}

Status Store::Actors(const std::string& query, int limit, std::vector<ActorSummary>& out) const {
  Impl& s = *impl_;
  // Ranked by the reports that mention them; the claim counts are read for
  // the few kept.
  std::string sql =
      "SELECT a.key, a.name, a.type, COUNT(DISTINCT m.report) AS n FROM actors a "
      "LEFT JOIN mentions m ON m.actor = a.id";
  if (!query.empty())
    sql +=
        " WHERE instr(a.key, ?1) > 0 OR a.id IN (SELECT actor FROM actor_names WHERE instr(name, ?1) > 0)";
  sql += " GROUP BY a.id ORDER BY n DESC, a.key LIMIT ?2";
  Statement q(s.db, sql.c_str());
  Statement claims(s.db,
                   "SELECT (SELECT COUNT(*) FROM relations WHERE source = a.id) + (SELECT COUNT(*) FROM "
                   "relations WHERE target = a.id AND source IS NOT target) FROM actors a WHERE a.key = ?");
  if (!q.ok() || !claims.ok()) return s.Error("cannot query actors");
  if (!query.empty()) q.Bind(1, query);
  q.Bind(2, int64_t{limit});
  out.clear();
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    ActorSummary a;
    a.key = q.Text(0);
    a.name = q.Text(1);
    a.type = q.Text(2);
    a.reports = static_cast<int>(q.Int(3));
    claims.Bind(1, a.key);
    if (claims.Step() == SQLITE_ROW) a.claims = static_cast<int>(claims.Int(0));
    claims.Reset();
    out.push_back(std::move(a));
  }
  if (rc != SQLITE_DONE) return s.Error("actors query failed");
  return Status::Ok();
}

Status Store::Summary(StoreSummary& out) const {
  Impl& s = *impl_;
  Statement q(s.db,
              "SELECT (SELECT COUNT(*) FROM reports), (SELECT COUNT(*) FROM actors), (SELECT COUNT(*) FROM "
              "relations), (SELECT COUNT(*) FROM quotes), (SELECT MIN(date) FROM reports), (SELECT MAX(date) "
              "FROM reports)");
  if (!q.ok() || q.Step() != SQLITE_ROW) return s.Error("cannot summarize the store");
  out.reports = q.Int(0);
  out.actors = q.Int(1);
  out.claims = q.Int(2);
  out.quotes = q.Int(3);
  out.first_date = q.Text(4);
  out.last_date = q.Text(5);
  return Status::Ok();
}

namespace {

void JsonList(const std::vector<std::string>& v, std::string& out) {
  out += '[';
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(v[i], out);
  }
  out += ']';
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

void Csv(const std::string& field, std::string& out) {
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void Xml(const std::string& s, std::string& out) {
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace

void WriteNetworkJson(const std::vector<NetworkEdge>& edges, std::string& out) {
  for (const auto& e : edges) {
    out += "{\"source\":";
    AppendJsonString(e.source_key, out);
    out += ",\"source_name\":";
    AppendJsonString(e.source_name, out);
    out += ",\"type\":";
    AppendJsonString(e.type, out);
    out += ",\"target\":";
    AppendJsonString(e.target_key, out);
    out += ",\"target_name\":";
    AppendJsonString(e.target_name, out);
    out += ",\"claims\":" + std::to_string(e.claims) + ",\"reports\":" + std::to_string(e.reports) +
           ",\"asserted\":" + std::to_string(e.asserted) + ",\"alleged\":" + std::to_string(e.alleged) +
           ",\"denied\":" + std::to_string(e.denied) + ",\"first_date\":";
    if (e.first_date.empty())
      out += "null";
    else
      AppendJsonString(e.first_date, out);
    out += ",\"last_date\":";
    if (e.last_date.empty())
      out += "null";
    else
      AppendJsonString(e.last_date, out);
    out += ",\"outlets\":";
    JsonList(e.outlets, out);
    out += ",\"claimed_by\":";
    JsonList(e.claimants, out);
    out += "}\n";
  }
}

void WriteNetworkCsv(const std::vector<NetworkEdge>& edges, std::string& out) {
  out +=
      "source,source_name,type,target,target_name,claims,reports,asserted,alleged,denied,first_date,last_"
      "date,"
      "outlets,claimed_by\r\n";
  for (const auto& e : edges) {
    for (const std::string* f : {&e.source_key, &e.source_name, &e.type, &e.target_key, &e.target_name}) {
      Csv(*f, out);
      out += ',';
    }
    out += std::to_string(e.claims) + "," + std::to_string(e.reports) + "," + std::to_string(e.asserted) +
           "," + std::to_string(e.alleged) + "," + std::to_string(e.denied) + ",";
    Csv(e.first_date, out);
    out += ',';
    Csv(e.last_date, out);
    out += ',';
    Csv(Join(e.outlets, "; "), out);
    out += ',';
    Csv(Join(e.claimants, "; "), out);
    out += "\r\n";
  }
}

void WriteNetworkGraphml(const std::vector<NetworkEdge>& edges, std::string& out) {
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
      "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
      "  <key id=\"type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
      "  <key id=\"claims\" for=\"edge\" attr.name=\"claims\" attr.type=\"int\"/>\n"
      "  <key id=\"reports\" for=\"edge\" attr.name=\"reports\" attr.type=\"int\"/>\n"
      "  <key id=\"asserted\" for=\"edge\" attr.name=\"asserted\" attr.type=\"int\"/>\n"
      "  <key id=\"alleged\" for=\"edge\" attr.name=\"alleged\" attr.type=\"int\"/>\n"
      "  <key id=\"denied\" for=\"edge\" attr.name=\"denied\" attr.type=\"int\"/>\n"
      "  <key id=\"first_date\" for=\"edge\" attr.name=\"first_date\" attr.type=\"string\"/>\n"
      "  <key id=\"last_date\" for=\"edge\" attr.name=\"last_date\" attr.type=\"string\"/>\n"
      "  <key id=\"claimed_by\" for=\"edge\" attr.name=\"claimed_by\" attr.type=\"string\"/>\n"
      "  <graph id=\"isnad\" edgedefault=\"directed\">\n";
  std::map<std::string, std::string> nodes;
  for (const auto& e : edges) {
    nodes.emplace(e.source_key, e.source_name);
    nodes.emplace(e.target_key, e.target_name);
  }
  for (const auto& [key, name] : nodes) {
    out += "    <node id=\"";
    Xml(key, out);
    out += "\"><data key=\"name\">";
    Xml(name, out);
    out += "</data></node>\n";
  }
  int n = 0;
  for (const auto& e : edges) {
    out += "    <edge id=\"e" + std::to_string(++n) + "\" source=\"";
    Xml(e.source_key, out);
    out += "\" target=\"";
    Xml(e.target_key, out);
    out += "\"><data key=\"type\">" + e.type + "</data><data key=\"claims\">" + std::to_string(e.claims) +
           "</data><data key=\"reports\">" + std::to_string(e.reports) + "</data><data key=\"asserted\">" +
           std::to_string(e.asserted) + "</data><data key=\"alleged\">" + std::to_string(e.alleged) +
           "</data><data key=\"denied\">" + std::to_string(e.denied) + "</data><data key=\"first_date\">" +
           e.first_date + "</data><data key=\"last_date\">" + e.last_date +
           "</data><data key=\"claimed_by\">";
    Xml(Join(e.claimants, "; "), out);
    out += "</data></edge>\n";
  }
  out += "  </graph>\n</graphml>\n";
}

}  // namespace isnad
