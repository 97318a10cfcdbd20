// Tokenization of report text into words, numbers, punctuation and the
// tokens of web text.
//
// CONTRACT
//   Tokens are half-open byte spans [begin, end) over the text, in order,
//   never overlapping, never empty, and never containing white space. Every
//   non-space code point of the text lies in exactly one token, so nothing
//   is lost between tokenization and the record.
//   Input must be valid UTF-8 (the document stage guarantees it).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace isnad {

enum class TokenKind : uint8_t {
  kWord,     // Arabic-script letters with their diacritics and tatweel
  kNumber,   // digits in any script, with inner . , and Arabic separators
  kLatin,    // Latin letters (and digits after the first letter): CNN, F16
  kPunct,    // one punctuation mark, or a run of the same mark (...)
  kUrl,      // http://..., https://..., www....
  kHashtag,  // #word
  kMention,  // @name
  kSymbol,   // anything else that is not space: %, $, emoji
};

const char* TokenKindName(TokenKind kind);

struct Token {
  uint32_t begin;
  uint32_t end;
  TokenKind kind;
  // True when white space separates this token from the previous one (or it
  // is the first); a newline sets `after_newline` too.
  bool after_space;
  bool after_newline;
};

// Appends the tokens of `text` to `out`.
void Tokenize(std::string_view text, std::vector<Token>& out);

}  // namespace isnad
