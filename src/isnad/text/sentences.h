// Sentence splitting, including text with no punctuation at all.
//
// CONTRACT
//   Sentences are runs of consecutive tokens [token_begin, token_end) that
//   cover every token exactly once, in order. A sentence ends after a
//   sentence-final mark (. ! ? and the Arabic question mark, an ellipsis,
//   with any closing quotes or brackets that follow), at a line break, and
//   -- in long unpunctuated runs -- before a discourse cue (kama, fima,
//   baynama, fi hin, wa-kana, clause-initial reporting verbs...; see
//   resources/text/sentence_cues.txt). A period between digits or after a
//   single Latin capital (U.S.) does not end a sentence.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "isnad/base/status.h"
#include "isnad/text/lexicon.h"
#include "isnad/text/tokenize.h"

namespace isnad {

struct Sentence {
  uint32_t token_begin;
  uint32_t token_end;
};

struct SentenceCues {
  WordTable single;  // one-word cues
  // Multi-word cues as their words; matched word by word.
  std::vector<std::vector<std::string>> multi;
  uint32_t min_words = 8;
  uint32_t sparse_words = 40;
  uint32_t max_words = 70;
  std::string fingerprint;

  static Status Load(const std::string& path, SentenceCues& out);
  static Status FromResource(const ResourceFile& file, SentenceCues& out);
};

// Appends the sentences of `tokens` (over `text`) to `out`.
// The mark that closes a quotation opened by `mark` (<< >>, the curly
// quotes, the straight double quote), or empty when `mark` opens none.
std::string_view ClosingQuoteMark(std::string_view mark);
// Is `mark` a quotation mark, opening or closing (" << >> and the curly ones)?
bool IsQuotationMark(std::string_view mark);

// Whom something was said to, li- and an outlet's name in quotation marks
// (qala li-"al-Sharq al-Awsat" X), stands between a reporting verb and its
// speaker. With li- at token `li`, tokens before `end`, and `is_quote(k)`
// telling quotation marks: the token after the closing mark, or `li` when
// no mark opens right after li- or none closes within the outlet's words.
inline constexpr size_t kQuotedAddresseeWords = 6;  // li-, the marks and the name between
template <typename IsQuote>
size_t AfterQuotedAddressee(size_t li, size_t end, IsQuote&& is_quote) {
  if (li + 1 >= end || !is_quote(li + 1)) return li;
  for (size_t close = li + 2; close < end && close <= li + kQuotedAddresseeWords; ++close)
    if (is_quote(close)) return close + 1;
  return li;
}

void SplitSentences(std::string_view text, const std::vector<Token>& tokens,
                    const SentenceCues& cues, std::vector<Sentence>& out);

}  // namespace isnad
