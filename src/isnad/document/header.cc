#include "isnad/document/header.h"

#include <vector>

#include "isnad/text/normalize.h"
#include "isnad/text/tokenize.h"
#include "isnad/text/utf8.h"

namespace isnad {

namespace {

// A header line has at most this many words; a longer line is body.
constexpr size_t kMaxHeaderLineWords = 14;
// How many non-empty lines after the headline may hold the date and byline.
constexpr int kMaxHeaderLines = 3;

struct Line {
  uint32_t begin, end;  // byte span, without the newline, trimmed
};

std::vector<Line> Lines(std::string_view text, size_t max_lines) {
  std::vector<Line> lines;
  size_t pos = 0;
  while (pos < text.size() && lines.size() < max_lines) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    size_t b = pos, e = eol;
    while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
    // A line of only non-breaking or other Unicode spaces is empty too.
    std::vector<Token> toks;
    Tokenize(text.substr(b, e - b), toks);
    if (!toks.empty()) lines.push_back(Line{static_cast<uint32_t>(b + toks.front().begin),
                                            static_cast<uint32_t>(b + toks.back().end)});
    pos = eol + 1;
  }
  return lines;
}

size_t WordCount(std::string_view line) {
  std::vector<Token> toks;
  Tokenize(line, toks);
  size_t n = 0;
  for (const Token& t : toks) n += t.kind != TokenKind::kPunct;
  return n;
}

bool IsSeparator(char32_t c) {
  // Hyphen, en and em dashes, tatweel standing alone, vertical bar, colon.
  return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x0640 || c == '|' || c == ':' || c == '/';
}

std::optional<ReportDate> DateOfLine(std::string_view line, const DateLexicon& lex) {
  auto found = FindDate(line, lex);
  if (!found) return std::nullopt;
  ReportDate d = found->date;
  d.text = std::string(line);  // the whole date line, as the outlet printed it
  return d;
}

// Date and byline from the short lines from `first` on, up to the first
// body paragraph (a line of more than kMaxHeaderLineWords words).
void ScanHeaderLines(const HeaderLexicons& lex, const std::vector<Line>& lines, size_t first, Document& doc) {
  std::string_view text(doc.text);
  for (size_t i = first; i < lines.size(); ++i) {
    std::string_view line = text.substr(lines[i].begin, lines[i].end - lines[i].begin);
    if (WordCount(line) > kMaxHeaderLineWords) break;  // the body has begun
    if (!doc.date) {
      if (auto d = DateOfLine(line, lex.dates)) {
        doc.date = d;
        doc.header_lines.push_back(Span{lines[i].begin, lines[i].end});
        continue;
      }
    }
    if (doc.authors.empty()) {
      auto names = ParseByline(line, lex.byline);
      if (!names.empty()) {
        doc.authors = names;
        doc.header_lines.push_back(Span{lines[i].begin, lines[i].end});
      }
    }
  }
}

}  // namespace

Status BylineLexicon::Load(const std::string& path, BylineLexicon& out) {
  ResourceFile file;
  Status s = ReadResourceFile(path, "byline", 1, file);
  if (!s.ok()) return s;
  out = BylineLexicon();
  const NormalizeOptions match = NormalizeOptions::Matching();
  for (std::string_view line : file.lines) {
    auto f = SplitFields(line);
    if (f.empty()) continue;
    WordTable* t = f[0] == "genre" ? &out.genre : f[0] == "marker" ? &out.markers : nullptr;
    if (!t) return Status::Error(path + ": unknown byline entry: " + std::string(line));
    for (size_t i = 1; i < f.size(); ++i) t->Insert(Normalize(f[i], match), 1);
  }
  return Status::Ok();
}

Status HeaderLexicons::Load(const std::string& dir, HeaderLexicons& out) {
  Status s = DateLexicon::Load(dir + "/document/dates.txt", out.dates);
  if (!s.ok()) return s;
  return BylineLexicon::Load(dir + "/document/byline.txt", out.byline);
}

std::vector<std::string> ParseByline(std::string_view line, const BylineLexicon& lex) {
  std::vector<Token> toks;
  Tokenize(line, toks);
  const NormalizeOptions match = NormalizeOptions::Matching();
  // Split the line into parts at separators standing between words.
  std::vector<std::vector<size_t>> parts(1);
  bool has_separator = false;
  for (size_t i = 0; i < toks.size(); ++i) {
    std::string_view t = line.substr(toks[i].begin, toks[i].end - toks[i].begin);
    size_t p = 0;
    char32_t c = utf8::Next(t, p);
    bool lone_tatweel = toks[i].kind == TokenKind::kWord && Normalize(t, match).empty();
    if (((toks[i].kind == TokenKind::kPunct || toks[i].kind == TokenKind::kSymbol) && IsSeparator(c)) ||
        lone_tatweel) {
      has_separator = true;
      parts.emplace_back();
      continue;
    }
    parts.back().push_back(i);
  }
  bool starts_with_marker =
      !toks.empty() && toks[0].kind == TokenKind::kWord &&
      lex.markers.Contains(Normalize(line.substr(toks[0].begin, toks[0].end - toks[0].begin), match));
  if (!has_separator && !starts_with_marker) return {};
  for (const auto& part : parts) {
    std::vector<size_t> words;
    bool clean = true;
    for (size_t i : part) {
      if (toks[i].kind != TokenKind::kWord) { clean = false; break; }
      std::string w = Normalize(line.substr(toks[i].begin, toks[i].end - toks[i].begin), match);
      if (words.empty() && lex.markers.Contains(w)) continue;  // "bi-qalam" before the name
      if (lex.genre.Contains(w)) { clean = false; break; }
      words.push_back(i);
    }
    if (!clean || words.size() < 2 || words.size() > 4) continue;
    return {std::string(line.substr(toks[words.front()].begin, toks[words.back()].end - toks[words.front()].begin))};
  }
  return {};
}

void ReadHeader(const HeaderLexicons& lex, Document& doc) {
  std::string_view text(doc.text);
  auto lines = Lines(text, kMaxHeaderLines + 1);
  if (lines.empty()) return;
  doc.title_span = Span{lines[0].begin, lines[0].end};
  doc.title = std::string(text.substr(lines[0].begin, lines[0].end - lines[0].begin));
  ScanHeaderLines(lex, lines, 1, doc);
}

void ReadHeaderFields(const HeaderLexicons& lex, const RawReport& raw, Document& doc) {
  if (raw.title) doc.title = *raw.title;
  if (raw.date && !raw.date->empty()) {
    if (auto found = FindDate(*raw.date, lex.dates)) {
      doc.date = found->date;
      doc.date->text = *raw.date;
    }
  }
  std::string_view text(doc.text);
  ScanHeaderLines(lex, Lines(text, kMaxHeaderLines), 0, doc);
}

}  // namespace isnad
