// UTF-8 primitives used by every stage.
//
// All text inside isnad is UTF-8 in std::string / std::string_view, and all
// spans are byte offsets into a report's text; CodePointIndex turns them into
// the code-point offsets the analysis record publishes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace isnad::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point at text[pos] and advances pos. Invalid or truncated
// sequences decode as kReplacement and advance by one byte, so a loop over
// any byte string terminates.
char32_t Next(std::string_view text, size_t& pos);

// Byte length of the valid sequence starting at text[pos], or 0 if invalid.
size_t ValidSequenceLength(std::string_view text, size_t pos);

// Offset of the first byte that does not start a valid sequence, or npos.
size_t FirstInvalid(std::string_view text);

void Append(std::string& out, char32_t cp);

size_t CountCodePoints(std::string_view text);

// Maps byte offsets of one text to code-point offsets.
class CodePointIndex {
 public:
  explicit CodePointIndex(std::string_view text);
  // `byte_offset` must lie on a code-point boundary or at the end.
  uint32_t ToCodePoint(size_t byte_offset) const;

 private:
  // Code-point offset at the start of every 64-byte block; the rest is
  // counted by scanning, so the index costs 1/16 of the text.
  std::string_view text_;
  std::vector<uint32_t> block_start_;
};

}  // namespace isnad::utf8
