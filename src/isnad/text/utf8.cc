#include "isnad/text/utf8.h"

namespace isnad::utf8 {

size_t ValidSequenceLength(std::string_view text, size_t pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  unsigned char c = s[pos];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;  // continuation byte or overlong 2-byte lead
  auto cont = [&](size_t i) { return i < n && (s[i] & 0xC0) == 0x80; };
  if (c < 0xE0) return cont(pos + 1) ? 2 : 0;
  if (c < 0xF0) {
    if (!cont(pos + 1) || !cont(pos + 2)) return 0;
    unsigned char c1 = s[pos + 1];
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c < 0xF5) {
    if (!cont(pos + 1) || !cont(pos + 2) || !cont(pos + 3)) return 0;
    unsigned char c1 = s[pos + 1];
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

char32_t Next(std::string_view text, size_t& pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  unsigned char c = s[pos];
  if (c < 0x80) {
    ++pos;
    return c;
  }
  size_t len = ValidSequenceLength(text, pos);
  char32_t cp;
  switch (len) {
    case 2: cp = ((c & 0x1F) << 6) | (s[pos + 1] & 0x3F); break;
    case 3: cp = ((c & 0x0F) << 12) | ((s[pos + 1] & 0x3F) << 6) | (s[pos + 2] & 0x3F); break;
    case 4:
      cp = ((c & 0x07) << 18) | ((s[pos + 1] & 0x3F) << 12) | ((s[pos + 2] & 0x3F) << 6) |
           (s[pos + 3] & 0x3F);
      break;
    default: ++pos; return kReplacement;
  }
  pos += len;
  return cp;
}

size_t FirstInvalid(std::string_view text) {
  size_t pos = 0;
  const size_t n = text.size();
  while (pos < n) {
    // Fast path: skip eight ASCII bytes at a time.
    while (pos + 8 <= n) {
      uint64_t block;
      __builtin_memcpy(&block, text.data() + pos, 8);
      if (block & 0x8080808080808080ULL) break;
      pos += 8;
    }
    if (pos >= n) break;
    size_t len = ValidSequenceLength(text, pos);
    if (len == 0) return pos;
    pos += len;
  }
  return std::string_view::npos;
}

void Append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t CountCodePoints(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

CodePointIndex::CodePointIndex(std::string_view text) : text_(text) {
  block_start_.reserve(text.size() / 64 + 1);
  uint32_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((i & 63) == 0) block_start_.push_back(count);
    count += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  }
}

uint32_t CodePointIndex::ToCodePoint(size_t byte_offset) const {
  if (byte_offset > text_.size()) byte_offset = text_.size();
  size_t block = byte_offset / 64;
  if (block >= block_start_.size()) {
    // Only reachable for byte_offset == size() with size() a multiple of 64.
    return static_cast<uint32_t>(CountCodePoints(text_));
  }
  uint32_t count = block_start_[block];
  for (size_t i = block * 64; i < byte_offset; ++i)
    count += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
  return count;
}

}  // namespace isnad::utf8
