// The tokenizer is a single left-to-right pass over code points with one
// code point of lookahead; it allocates nothing beyond the output vector.
#include "isnad/text/tokenize.h"

#include "isnad/text/arabic.h"
#include "isnad/text/utf8.h"

namespace isnad {

using namespace arabic;

const char* TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kWord: return "word";
    case TokenKind::kNumber: return "number";
    case TokenKind::kLatin: return "latin";
    case TokenKind::kPunct: return "punct";
    case TokenKind::kUrl: return "url";
    case TokenKind::kHashtag: return "hashtag";
    case TokenKind::kMention: return "mention";
    case TokenKind::kSymbol: return "symbol";
  }
  return "?";
}

namespace {

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool IsLatinLetter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7);
}

bool IsPunct(char32_t c) {
  if (c < 0x80) return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
                       (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
  return c == kComma || c == kSemicolon || c == kQuestionMark || c == kFullStop ||
         c == 0x066D || c == 0x00AB || c == 0x00BB || (c >= 0x2010 && c <= 0x2027) ||
         (c >= 0x2030 && c <= 0x205E) || c == 0x00A1 || c == 0x00BF || c == 0x00B7 ||
         (c >= 0xFD3E && c <= 0xFD3F) || (c >= 0x3001 && c <= 0x3003);
}

bool IsDigit(char32_t c) { return DigitValue(c) >= 0; }

bool StartsWithAscii(std::string_view text, size_t pos, std::string_view prefix) {
  if (pos + prefix.size() > text.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char a = text[pos + i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != prefix[i]) return false;
  }
  return true;
}

}  // namespace

void Tokenize(std::string_view text, std::vector<Token>& out) {
  size_t pos = 0;
  bool after_space = true;
  bool after_newline = true;
  const size_t n = text.size();
  while (pos < n) {
    size_t start = pos;
    char32_t c = utf8::Next(text, pos);
    if (IsSpace(c)) {
      after_space = true;
      if (c == '\n' || c == 0x2029 || c == 0x2028) after_newline = true;
      continue;
    }
    TokenKind kind;
    // URLs first: they contain punctuation that would split them.
    if ((c == 'h' || c == 'H' || c == 'w' || c == 'W') &&
        (StartsWithAscii(text, start, "http://") || StartsWithAscii(text, start, "https://") ||
         StartsWithAscii(text, start, "www."))) {
      kind = TokenKind::kUrl;
      while (pos < n) {
        size_t p = pos;
        char32_t d = utf8::Next(text, p);
        if (IsSpace(d) || d == 0x00AB || d == 0x00BB || d == '"' || d == '<' || d == '>') break;
        pos = p;
      }
      // A sentence-final mark or closing bracket is not part of the address.
      while (pos > start) {
        char e = text[pos - 1];
        if (e == '.' || e == ',' || e == ')' || e == ';' || e == ':' || e == '!' || e == '?' || e == '\'')
          --pos;
        else
          break;
      }
    } else if (IsWordChar(c) && !IsDiacritic(c) && c != kTatweel) {
      kind = TokenKind::kWord;
      while (pos < n) {
        size_t p = pos;
        if (!IsWordChar(utf8::Next(text, p))) break;
        pos = p;
      }
    } else if (IsDigit(c)) {
      kind = TokenKind::kNumber;
      while (pos < n) {
        size_t p = pos;
        char32_t d = utf8::Next(text, p);
        if (IsDigit(d)) {
          pos = p;
          continue;
        }
        // A separator joins digits only when a digit follows it: 1,500 and
        // 2.5 are one number; "2015." ends a sentence.
        if (d == '.' || d == ',' || d == kDecimalSeparator || d == kThousandsSeparator) {
          size_t q = p;
          if (q < n && IsDigit(utf8::Next(text, q))) {
            pos = p;
            continue;
          }
        }
        break;
      }
    } else if (IsLatinLetter(c)) {
      kind = TokenKind::kLatin;
      while (pos < n) {
        size_t p = pos;
        char32_t d = utf8::Next(text, p);
        if (IsLatinLetter(d) || (d >= '0' && d <= '9')) {
          pos = p;
          continue;
        }
        // Inner apostrophe or hyphen between letters: O'Brien, al-Qaeda.
        if (d == '\'' || d == '-') {
          size_t q = p;
          if (q < n && IsLatinLetter(utf8::Next(text, q))) {
            pos = p;
            continue;
          }
        }
        break;
      }
    } else if ((c == '#' || c == '@') && pos < n) {
      size_t p = pos;
      char32_t d = utf8::Next(text, p);
      bool hashtag = c == '#';
      bool ok = hashtag ? (IsWordChar(d) || IsLatinLetter(d) || IsDigit(d) || d == '_')
                        : (IsLatinLetter(d) || (d >= '0' && d <= '9') || d == '_');
      if (ok) {
        kind = hashtag ? TokenKind::kHashtag : TokenKind::kMention;
        pos = p;
        while (pos < n) {
          size_t q = pos;
          char32_t e = utf8::Next(text, q);
          bool more = hashtag ? (IsWordChar(e) || IsLatinLetter(e) || IsDigit(e) || e == '_')
                              : (IsLatinLetter(e) || (e >= '0' && e <= '9') || e == '_');
          if (!more) break;
          pos = q;
        }
      } else {
        kind = TokenKind::kPunct;
      }
    } else if (IsPunct(c)) {
      kind = TokenKind::kPunct;
      // A run of the same mark is one token: "..", "...", "!!", "--".
      while (pos < n) {
        size_t p = pos;
        if (utf8::Next(text, p) != c) break;
        pos = p;
      }
    } else {
      kind = TokenKind::kSymbol;
    }
    out.push_back(Token{static_cast<uint32_t>(start), static_cast<uint32_t>(pos), kind, after_space,
                        after_newline});
    after_space = false;
    after_newline = false;
  }
}

}  // namespace isnad
