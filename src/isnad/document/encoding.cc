// Encoding detection is deliberately narrow: UTF-8 first (what nearly every
// outlet sends), then the one legacy code page that Arabic sites still use,
// Windows-1256, decided by whether the high bytes read as Arabic letters in
// it. Anything else is repaired as UTF-8 and reported, never guessed at.
#include "isnad/document/encoding.h"

#include <unicode/ucnv.h>

#include <memory>

#include "isnad/text/utf8.h"

namespace isnad {

namespace {

// ICU converter for a named encoding; empty string on failure.
bool ConvertWithIcu(std::string_view bytes, const char* encoding, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(encoding, &status);
  if (U_FAILURE(status)) return false;
  std::unique_ptr<UConverter, void (*)(UConverter*)> guard(conv, ucnv_close);
  // Stop on an unmappable byte rather than substituting silently.
  ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  UConverter* utf8 = ucnv_open("UTF-8", &status);
  if (U_FAILURE(status)) return false;
  std::unique_ptr<UConverter, void (*)(UConverter*)> guard8(utf8, ucnv_close);
  out.assign(bytes.size() * 3 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  ucnv_convertEx(utf8, conv, &target, out.data() + out.size(), &source, bytes.data() + bytes.size(),
                 nullptr, nullptr, nullptr, nullptr, true, true, &status);
  if (U_FAILURE(status)) return false;
  out.resize(target - out.data());
  return true;
}

// Windows-1256 when the high bytes mostly fail as UTF-8 (a few bad bytes in
// otherwise valid UTF-8 are damage, not another encoding) and mostly fall
// in the code page's Arabic block.
bool LooksLikeWindows1256(std::string_view bytes) {
  uint64_t high = 0, arabic = 0, invalid = 0, valid_sequences = 0;
  size_t pos = 0;
  while (pos < bytes.size()) {
    unsigned char c = static_cast<unsigned char>(bytes[pos]);
    if (c < 0x80) {
      ++pos;
      continue;
    }
    size_t len = utf8::ValidSequenceLength(bytes, pos);
    if (len > 1) {
      ++valid_sequences;
      pos += len;
      continue;
    }
    ++invalid;
    ++high;
    // In cp1256, 0xC1-0xD6, 0xD8-0xDF, 0xE1, 0xE3-0xE6, 0xEC-0xED are letters;
    // diacritics at 0xF0-0xFA; 0xC0-0xFF is the Arabic block overall.
    if (c >= 0xC1 && c != 0xD7 && c != 0xF7) ++arabic;
    ++pos;
  }
  return invalid > valid_sequences && arabic * 10 >= high * 7;
}

bool LooksBinary(std::string_view bytes, std::string& reason) {
  size_t sample = std::min<size_t>(bytes.size(), 64 * 1024);
  size_t controls = 0;
  for (size_t i = 0; i < sample; ++i) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) {
      reason = "contains NUL bytes: a binary file, not a text report";
      return true;
    }
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B) ++controls;
  }
  if (sample > 0 && controls * 20 > sample) {
    reason = "mostly control characters: a binary file, not a text report";
    return true;
  }
  return false;
}

void NormalizeLineEnds(std::string& text) {
  if (text.find('\r') == std::string::npos) return;
  size_t w = 0;
  for (size_t r = 0; r < text.size(); ++r) {
    if (text[r] == '\r') {
      text[w++] = '\n';
      if (r + 1 < text.size() && text[r + 1] == '\n') ++r;
    } else {
      text[w++] = text[r];
    }
  }
  text.resize(w);
}

bool OnlySpace(std::string_view text) {
  for (char c : text)
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f' && c != '\v') return false;
  return true;
}

}  // namespace

uint64_t RepairUtf8(std::string_view bytes, std::string& out, uint64_t* first_bad_line) {
  out.clear();
  out.reserve(bytes.size());
  uint64_t replaced = 0, line = 1;
  size_t pos = 0;
  while (pos < bytes.size()) {
    unsigned char c = static_cast<unsigned char>(bytes[pos]);
    if (c < 0x80) {
      line += c == '\n';
      out.push_back(static_cast<char>(c));
      ++pos;
      continue;
    }
    size_t len = utf8::ValidSequenceLength(bytes, pos);
    if (len == 0) {
      if (replaced++ == 0 && first_bad_line) *first_bad_line = line;
      utf8::Append(out, utf8::kReplacement);
      ++pos;
      // One replacement per maximal invalid run of continuation bytes.
      while (pos < bytes.size() && (static_cast<unsigned char>(bytes[pos]) & 0xC0) == 0x80) ++pos;
      continue;
    }
    out.append(bytes.substr(pos, len));
    pos += len;
  }
  return replaced;
}

DecodedText DecodeReportBytes(std::string_view bytes) {
  DecodedText d;
  // UTF-16 with a byte-order mark: convert (NULs are expected there).
  if (bytes.size() >= 2 && ((static_cast<unsigned char>(bytes[0]) == 0xFF &&
                             static_cast<unsigned char>(bytes[1]) == 0xFE) ||
                            (static_cast<unsigned char>(bytes[0]) == 0xFE &&
                             static_cast<unsigned char>(bytes[1]) == 0xFF))) {
    if (ConvertWithIcu(bytes, "UTF-16", d.text)) {
      if (d.text.rfind("\xEF\xBB\xBF", 0) == 0) d.text.erase(0, 3);
      d.outcome = DecodeOutcome::kConverted;
      d.encoding = "UTF-16";
      NormalizeLineEnds(d.text);
      if (OnlySpace(d.text)) {
        d.outcome = DecodeOutcome::kEmpty;
        d.reason = "empty report (no text)";
      }
      return d;
    }
  }
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (LooksBinary(bytes, d.reason)) {
    d.outcome = DecodeOutcome::kBinary;
    return d;
  }
  if (utf8::FirstInvalid(bytes) == std::string_view::npos) {
    d.text.assign(bytes);
  } else if (LooksLikeWindows1256(bytes) && ConvertWithIcu(bytes, "windows-1256", d.text)) {
    d.outcome = DecodeOutcome::kConverted;
    d.encoding = "Windows-1256";
  } else {
    d.replaced = RepairUtf8(bytes, d.text, &d.first_bad_line);
    d.outcome = DecodeOutcome::kRepaired;
  }
  NormalizeLineEnds(d.text);
  if (OnlySpace(d.text)) {
    d.outcome = DecodeOutcome::kEmpty;
    d.reason = "empty report (no text)";
  }
  return d;
}

}  // namespace isnad
