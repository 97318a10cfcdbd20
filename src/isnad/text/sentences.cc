// Splitting is two passes over the tokens: the first counts sentence-final
// marks to decide whether the text is punctuated at all (seed reports exist
// with none), the second places boundaries.
#include "isnad/text/sentences.h"

#include <charconv>

#include "isnad/text/normalize.h"
#include "isnad/text/utf8.h"

namespace isnad {

namespace {

uint32_t ParseUint(const std::string* v, uint32_t fallback) {
  if (!v) return fallback;
  uint32_t x = fallback;
  std::from_chars(v->data(), v->data() + v->size(), x);
  return x;
}

std::string_view TokenText(std::string_view text, const Token& t) {
  return text.substr(t.begin, t.end - t.begin);
}

// . ! ? ; Arabic question mark, ellipsis, and runs of them.
bool IsFinalMark(std::string_view s) {
  if (s.empty()) return false;
  size_t pos = 0;
  char32_t c = utf8::Next(s, pos);
  return c == '.' || c == '!' || c == '?' || c == 0x061F || c == 0x2026 || c == 0x06D4;
}

// Closing quotes and brackets stay with the sentence they close.
bool IsCloser(std::string_view s) {
  size_t pos = 0;
  char32_t c = utf8::Next(s, pos);
  return c == '"' || c == ')' || c == ']' || c == 0x00BB || c == 0x201D || c == 0x2019 || c == '\'';
}

// Opening and closing quotation marks whose direction is known.
bool IsQuoteOpener(std::string_view s) { return s != "\"" && !ClosingQuoteMark(s).empty(); }
bool IsQuoteCloser(std::string_view s) { return s == "\xC2\xBB" || s == "\xE2\x80\x9D"; }

// A mark inside a short quotation does not end the sentence that quotes it:
// <<these lies.. will cause problems>> said X is one sentence. Only when the
// quotation closes on the same line within kQuoteReach tokens, so that an
// unclosed mark never swallows a paragraph.
constexpr uint32_t kQuoteReach = 60;

bool IsSingleCapital(std::string_view s) {
  return s.size() == 1 && s[0] >= 'A' && s[0] <= 'Z';
}

}  // namespace

std::string_view ClosingQuoteMark(std::string_view mark) {
  if (mark == "\"") return "\"";
  if (mark == "\xC2\xAB") return "\xC2\xBB";
  if (mark == "\xE2\x80\x9C") return "\xE2\x80\x9D";
  return {};
}

bool IsQuotationMark(std::string_view mark) { return !ClosingQuoteMark(mark).empty() || IsQuoteCloser(mark); }

Status SentenceCues::FromResource(const ResourceFile& file, SentenceCues& out) {
  out = SentenceCues();
  static const NormalizeOptions kLight = NormalizeOptions::Light();
  for (std::string_view line : file.lines) {
    auto f = SplitFields(line);
    if (f.size() < 2 || f[0] != "cue")
      return Status::Error(file.path + ": expected 'cue WORDS...', got: " + std::string(line));
    if (f.size() == 2) {
      out.single.Insert(Normalize(f[1], kLight), 1);
    } else {
      std::vector<std::string> words;
      for (size_t i = 1; i < f.size(); ++i) words.push_back(Normalize(f[i], kLight));
      out.multi.push_back(std::move(words));
    }
  }
  out.min_words = ParseUint(file.Setting("min_words"), 8);
  out.sparse_words = ParseUint(file.Setting("sparse_words"), 40);
  out.max_words = ParseUint(file.Setting("max_words"), 70);
  out.fingerprint = file.name + "-" + std::to_string(file.version);
  return Status::Ok();
}

Status SentenceCues::Load(const std::string& path, SentenceCues& out) {
  return LoadResource(path, "sentence-cues", 1, out);
}

void SplitSentences(std::string_view text, const std::vector<Token>& tokens,
                    const SentenceCues& cues, std::vector<Sentence>& out) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  if (n == 0) return;
  uint32_t words = 0, finals = 0;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kPunct) finals += IsFinalMark(TokenText(text, t));
    else words += t.kind == TokenKind::kWord || t.kind == TokenKind::kLatin;
  }
  const bool sparse = static_cast<uint64_t>(finals) * cues.sparse_words < words;
  static const NormalizeOptions kLight = NormalizeOptions::Light();

  std::string norm;
  auto cue_at = [&](uint32_t i) -> bool {
    if (tokens[i].kind != TokenKind::kWord) return false;
    norm.clear();
    NormalizeAppend(TokenText(text, tokens[i]), kLight, norm);
    if (cues.single.Contains(norm)) return true;
    for (const auto& m : cues.multi) {
      if (i + m.size() > n || norm != m[0]) continue;
      bool all = true;
      std::string other;
      for (size_t k = 1; k < m.size() && all; ++k) {
        other.clear();
        NormalizeAppend(TokenText(text, tokens[i + k]), kLight, other);
        all = other == m[k];
      }
      if (all) return true;
    }
    return false;
  };

  // Whether the quotation open at `from` closes soon with words before the
  // closing mark (a mark glued to the closer ends both).
  auto closes_soon = [&](uint32_t from, bool ascii) {
    bool words_before = false;
    for (uint32_t k = from; k < n && k < from + kQuoteReach; ++k) {
      if (k > from && tokens[k].after_newline) return false;
      std::string_view tk = TokenText(text, tokens[k]);
      if (tokens[k].kind != TokenKind::kPunct) {
        words_before = true;
        continue;
      }
      if (ascii ? tk == "\"" : IsQuoteCloser(tk)) return words_before;
      if (!ascii && IsQuoteOpener(tk)) return false;
    }
    return false;
  };

  uint32_t begin = 0;
  uint32_t words_in_sentence = 0;
  int open_quotes = 0;     // directed marks open on this line
  bool ascii_open = false;  // an odd number of " on this line
  auto close = [&](uint32_t end) {
    if (end > begin) out.push_back(Sentence{begin, end});
    begin = end;
    words_in_sentence = 0;
  };
  for (uint32_t i = 0; i < n; ++i) {
    const Token& t = tokens[i];
    if (t.after_newline) open_quotes = 0, ascii_open = false;
    if (i > begin && t.after_newline) close(i);
    if (t.kind == TokenKind::kPunct) {
      std::string_view tk = TokenText(text, t);
      if (IsQuoteOpener(tk)) ++open_quotes;
      else if (IsQuoteCloser(tk) && open_quotes > 0) --open_quotes;
      else if (tk == "\"") ascii_open = !ascii_open;
    }
    if (i > begin && t.kind == TokenKind::kWord && words_in_sentence >= cues.min_words &&
        (sparse || words_in_sentence >= cues.max_words) && cue_at(i))
      close(i);
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kLatin || t.kind == TokenKind::kNumber)
      ++words_in_sentence;
    if (t.kind == TokenKind::kPunct && IsFinalMark(TokenText(text, t))) {
      if ((open_quotes > 0 && closes_soon(i + 1, false)) || (ascii_open && closes_soon(i + 1, true))) continue;
      // "U.S." and "A." initials: a period right after a lone capital.
      if (i > 0 && !t.after_space && TokenText(text, t) == "." &&
          IsSingleCapital(TokenText(text, tokens[i - 1])))
        continue;
      uint32_t end = i + 1;
      while (end < n && !tokens[end].after_space && tokens[end].kind == TokenKind::kPunct &&
             (IsCloser(TokenText(text, tokens[end])) || IsFinalMark(TokenText(text, tokens[end]))))
        ++end;
      // A closing quote after a space still closes this sentence when the
      // sentence opened a quote that is still open: keep it simple and only
      // take closers glued to the mark.
      i = end - 1;
      close(end);
    }
  }
  close(n);
}

}  // namespace isnad
