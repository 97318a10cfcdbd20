#include "isnad/entities/gazetteer.h"

#include <atomic>
#include <cstdlib>
#include <unordered_map>

#include "isnad/document/dates.h"
#include "isnad/text/normalize.h"

namespace isnad {

namespace {

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t e = s.find(sep, pos);
    if (e == std::string_view::npos) e = s.size();
    out.push_back(s.substr(pos, e - pos));
    pos = e + 1;
  }
  return out;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// Entries: id TAB type TAB canonical TAB aliases (| separated) [TAB english [TAB wikidata]].
Status ReadEntries(const ResourceFile& file, bool curated, std::vector<GazetteerEntry>& out) {
  for (std::string_view line : file.lines) {
    auto f = SplitOn(line, '\t');
    if (f.size() < 3)
      return Status::Error(file.path + ": a gazetteer line needs id, type and name: " + std::string(line.substr(0, 60)));
    GazetteerEntry e;
    e.id = Trim(f[0]);
    if (!ParseEntityType(Trim(f[1]), e.type))
      return Status::Error(file.path + ": unknown type '" + Trim(f[1]) + "' for " + e.id);
    e.canonical = Trim(f[2]);
    if (f.size() > 3)
      for (auto a : SplitOn(f[3], '|'))
        if (!Trim(a).empty()) e.aliases.push_back(Trim(a));
    if (f.size() > 4) e.english = Trim(f[4]);
    if (f.size() > 5) e.wikidata = Trim(f[5]);
    e.curated = curated || (f.size() > 6 && Trim(f[6]) == "curated");
    if (e.id.empty() || e.canonical.empty()) return Status::Error(file.path + ": empty id or name");
    out.push_back(std::move(e));
  }
  return Status::Ok();
}

std::atomic<uint64_t> next_serial{1};

}  // namespace

// "abd" as a word of its own, and "abd" + the article opening one.
constexpr std::string_view kAbd = "\xD8\xB9\xD8\xA8\xD8\xAF";
constexpr std::string_view kArticle = "\xD8\xA7\xD9\x84";

std::string JoinAbd(std::string_view name) {
  const std::vector<std::string_view> words = SplitOn(name, ' ');
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    out += words[i];
    const bool last = i + 1 == words.size();
    if (!last && !(words[i] == kAbd && words[i + 1].substr(0, kArticle.size()) == kArticle)) out += ' ';
  }
  return out;
}

std::string SplitAbd(std::string_view name) {
  std::string out;
  for (std::string_view word : SplitOn(name, ' ')) {
    if (!out.empty()) out += ' ';
    if (word.size() > kAbd.size() + kArticle.size() && word.substr(0, kAbd.size()) == kAbd &&
        word.substr(kAbd.size(), kArticle.size()) == kArticle) {
      out += kAbd;
      out += ' ';
      word.remove_prefix(kAbd.size());
    }
    out += word;
  }
  return out;
}

namespace {

}  // namespace

void Gazetteer::Add(GazetteerEntry e) {
  serial_ = next_serial.fetch_add(1);
  const uint32_t index = static_cast<uint32_t>(entries_.size());
  static const NormalizeOptions match = NormalizeOptions::Matching();
  auto add_name = [&](const std::string& name) {
    std::string n = Normalize(name, match);
    if (n.empty() || names_.Contains(n)) return;  // the first entry to claim a name keeps it
    names_.Insert(n, index + 1);
    size_t words = 1;
    for (char c : n) words += c == ' ';
    longest_ = std::max(longest_, words);
    first_words_.Insert(std::string_view(n).substr(0, n.find(' ')), 1);
    for (size_t space = n.find(' '); space != std::string::npos;) {
      space = n.find(' ', space + 1);
      if (space != std::string::npos) name_prefixes_.Insert(std::string_view(n).substr(0, space), 1);
    }
  };
  // Abd and the name it joins are written as one word or two (Abd al-Aziz,
  // Abdalaziz): each name is also known in the other spelling.
  auto add_spellings = [&](const std::string& name) {
    add_name(name);
    std::string n = Normalize(name, match);
    const std::string joined = JoinAbd(n), spaced = SplitAbd(n);
    if (joined != n) add_name(joined);
    if (spaced != n) add_name(spaced);
  };
  add_spellings(e.canonical);
  for (const auto& a : e.aliases) add_spellings(a);
  entries_.push_back(std::move(e));
}

Status Gazetteer::FromResources(const ResourceFile& actors, const ResourceFile* generated,
                                const ResourceFile* names, Gazetteer& out) {
  out = Gazetteer();
  std::vector<GazetteerEntry> entries;
  Status s = ReadEntries(actors, true, entries);
  if (!s.ok()) return s;
  if (generated) {
    s = ReadEntries(*generated, false, entries);
    if (!s.ok()) return s;
  }
  for (auto& e : entries) out.Add(std::move(e));
  static const NormalizeOptions match = NormalizeOptions::Matching();
  if (names)
    for (std::string_view line : names->lines) out.person_names_.Insert(Normalize(Trim(line), match), 1);
  out.fingerprint_ = actors.name + "-" + std::to_string(actors.version) + "+" +
                     (generated ? generated->name + "-" + std::to_string(generated->version) : "none");
  return Status::Ok();
}

namespace {

// "yyyy-mm-dd" as yyyymmdd, or 0 when it is not such a day.
int ParseDay(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return 0;
  const int year = ParseNumber(text.substr(0, 4)), month = ParseNumber(text.substr(5, 2)),
            day = ParseNumber(text.substr(8, 2));
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return 0;
  return year * 10000 + month * 100 + day;
}

}  // namespace

Status Gazetteer::AddOffices(const ResourceFile& offices) {
  serial_ = next_serial.fetch_add(1);
  terms_.resize(entries_.size());
  std::unordered_map<std::string, size_t> by_id;
  for (size_t i = 0; i < entries_.size(); ++i) by_id.emplace(entries_[i].id, i);
  for (std::string_view line : offices.lines) {
    auto f = SplitOn(line, '\t');
    auto fail = [&](const std::string& why) {
      return Status::Error(offices.path + ": " + why + ": " + std::string(line.substr(0, 80)));
    };
    if (f.size() < 3 || f.size() > 4) return fail("an office line needs office, holder, first day [, last day]");
    const std::string last = f.size() > 3 ? Trim(f[3]) : "";
    auto entry_of = [&](std::string_view id) {
      auto it = by_id.find(Trim(id));
      return it == by_id.end() ? -1 : static_cast<int>(it->second);
    };
    const int office_entry = entry_of(f[0]), holder_entry = entry_of(f[1]);
    if (office_entry < 0 || entries_[office_entry].id.rfind("office:", 0) != 0)
      return fail("not an office of actors.tsv");
    if (holder_entry < 0 || entries_[holder_entry].id.rfind("office:", 0) == 0)
      return fail("the holder is not an actor of actors.tsv");
    Term term{ParseDay(Trim(f[2])), last.empty() ? 99991231 : ParseDay(last),
              static_cast<uint32_t>(holder_entry)};
    if (term.from == 0 || term.to == 0 || term.to < term.from) return fail("days must be yyyy-mm-dd, first <= last");
    for (const Term& other : terms_[office_entry])
      if (term.from <= other.to && other.from <= term.to) return fail("two terms of one office overlap");
    terms_[office_entry].push_back(term);
  }
  fingerprint_ += "+" + offices.name + "-" + std::to_string(offices.version);
  return Status::Ok();
}

int Gazetteer::HolderOn(int entry, int date) const {
  if (entry < 0 || date == 0 || static_cast<size_t>(entry) >= terms_.size()) return entry;
  for (const Term& term : terms_[entry])
    if (term.from <= date && date <= term.to) return static_cast<int>(term.holder);
  return entry;
}

bool Gazetteer::HeldBy(int office, int holder) const {
  if (!IsOffice(office)) return false;
  for (const Term& term : terms_[office])
    if (static_cast<int>(term.holder) == holder) return true;
  return false;
}

Status Gazetteer::Load(const std::string& dir, Gazetteer& out) {
  ResourceFile actors, generated, names;
  Status s = ReadResourceFile(dir + "/actors.tsv", "actors", 1, actors);
  if (!s.ok()) return s;
  s = ReadResourceFile(dir + "/gazetteer.tsv", "gazetteer", 1, generated);
  if (!s.ok()) return s;
  s = ReadResourceFile(dir + "/names.tsv", "person-names", 1, names);
  if (!s.ok()) return s;
  s = FromResources(actors, &generated, &names, out);
  if (!s.ok()) return s;
  ResourceFile classes;
  s = ReadResourceFile(dir + "/clusters.tsv", "word-classes", 1, classes);
  if (!s.ok()) return s;
  s = out.AddWordClasses(classes);
  if (!s.ok()) return s;
  ResourceFile offices;
  s = ReadResourceFile(dir + "/offices.tsv", "offices", 1, offices);
  if (!s.ok()) return s;
  return out.AddOffices(offices);
}

Status Gazetteer::AddWordClasses(const ResourceFile& classes) {
  serial_ = next_serial.fetch_add(1);
  for (std::string_view line : classes.lines) {
    auto f = SplitOn(line, '\t');
    if (f.size() != 3) return Status::Error(classes.path + ": a word-class line needs word, class, coarse class");
    int fine = std::atoi(std::string(f[1]).c_str()), coarse = std::atoi(std::string(f[2]).c_str());
    if (fine < 0 || fine > 0xFFFF || coarse < 0 || coarse > 0xFF)
      return Status::Error(classes.path + ": class out of range: " + std::string(line));
    word_classes_.Insert(f[0], static_cast<uint32_t>((fine << 8) | coarse) + 1);
  }
  fingerprint_ += "+" + classes.name + "-" + std::to_string(classes.version);
  return Status::Ok();
}

int Gazetteer::Find(std::string_view normalized_name) const {
  uint32_t v = names_.Find(normalized_name);
  return v ? static_cast<int>(v - 1) : -1;
}

void Gazetteer::Match(const std::vector<std::string_view>& first_forms, const std::vector<std::string_view>& forms,
                      std::vector<GazetteerMatch>& out) const {
  std::string key;
  const size_t n = forms.size();
  for (size_t i = 0; i < n;) {
    size_t best_len = 0;
    uint32_t best_entry = 0;
    bool best_whole = false;
    for (int variant = 0; variant < 2; ++variant) {
      std::string_view first = variant == 0 ? first_forms[i] : forms[i];
      if (variant == 1 && first == first_forms[i]) break;
      if (first.empty() || !first_words_.Contains(first)) continue;
      key.assign(first);
      size_t max_len = std::min(longest_, n - i);
      uint32_t found_entry = 0;
      size_t found_len = 0;
      if (uint32_t v = names_.Find(key)) { found_entry = v; found_len = 1; }
      for (size_t len = 2; len <= max_len; ++len) {
        if (forms[i + len - 1].empty()) break;
        key += ' ';
        key.append(forms[i + len - 1]);
        if (uint32_t v = names_.Find(key)) {
          found_entry = v;
          found_len = len;
        } else if (!name_prefixes_.Contains(key)) {
          break;  // no longer name begins so
        }
      }
      if (found_len > best_len) {
        best_len = found_len;
        best_entry = found_entry;
        best_whole = variant == 1;
      }
    }
    if (best_len > 0) {
      out.push_back(
          GazetteerMatch{static_cast<uint32_t>(i), static_cast<uint32_t>(i + best_len), best_entry - 1, best_whole});
      i += best_len;
    } else {
      ++i;
    }
  }
}

}  // namespace isnad
