#include "isnad/text/normalize.h"

#include "isnad/text/arabic.h"
#include "isnad/text/utf8.h"

namespace isnad {

using namespace arabic;

NormalizeOptions NormalizeOptions::Light() {
  NormalizeOptions o;
  o.fold_alef = false;
  return o;
}

NormalizeOptions NormalizeOptions::Matching() {
  NormalizeOptions o;
  o.fold_hamza_carriers = false;  // the scorer keeps them; so do we
  o.fold_ta_marbuta = true;
  o.fold_alef_maqsura = true;
  return o;
}

char32_t NormalizeCodePoint(char32_t c, const NormalizeOptions& o) {
  if (c < 0x0600) return c;  // fast path: ASCII, Latin
  if (o.remove_diacritics && IsDiacritic(c)) return 0;
  if (o.remove_tatweel && c == kTatweel) return 0;
  if (o.remove_format_marks && (c == kZwnj || c == kZwj || c == kLrm || c == kRlm || c == 0xFEFF))
    return 0;
  if (o.fold_digits) {
    int v = IndicDigitValue(c);
    if (v >= 0) return U'0' + v;
    if (c == kDecimalSeparator) return U'.';
    if (c == kThousandsSeparator) return U',';
    if (c == kPercentSign) return U'%';
  }
  if (o.fold_persian) {
    switch (c) {
      case kKeheh: c = kKaf; break;
      case kFarsiYeh: case kYehBarree: c = kYeh; break;
      case kHehDoachashmee: case kHehGoal: case kHehYeh: c = kHeh; break;
      case kTehMarbutaGoal: c = kTehMarbuta; break;
      default: break;
    }
  }
  if (o.fold_alef &&
      (c == kAlefHamzaAbove || c == kAlefHamzaBelow || c == kAlefMadda || c == kAlefWasla))
    return kAlef;
  if (o.fold_hamza_carriers) {
    if (c == kWawHamza) return kWaw;
    if (c == kYehHamza) return kYeh;
  }
  if (o.fold_ta_marbuta && c == kTehMarbuta) return kHeh;
  if (o.fold_alef_maqsura && c == kAlefMaksura) return kYeh;
  return c;
}

void Normalize(std::string_view text, const NormalizeOptions& options, NormalizedText& out) {
  out.text.clear();
  out.source_offset.clear();
  out.text.reserve(text.size());
  out.source_offset.reserve(text.size() + 1);
  size_t pos = 0;
  while (pos < text.size()) {
    const uint32_t start = static_cast<uint32_t>(pos);
    char32_t c = utf8::Next(text, pos);
    char32_t n = NormalizeCodePoint(c, options);
    if (n == 0) continue;
    size_t before = out.text.size();
    utf8::Append(out.text, n);
    out.source_offset.insert(out.source_offset.end(), out.text.size() - before, start);
  }
  out.source_offset.push_back(static_cast<uint32_t>(text.size()));
}

void NormalizeAppend(std::string_view text, const NormalizeOptions& options, std::string& out) {
  size_t pos = 0;
  while (pos < text.size()) {
    unsigned char b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b));
      ++pos;
      continue;
    }
    char32_t c = utf8::Next(text, pos);
    char32_t n = NormalizeCodePoint(c, options);
    if (n != 0) utf8::Append(out, n);
  }
}

std::string Normalize(std::string_view text, const NormalizeOptions& options) {
  std::string out;
  out.reserve(text.size());
  NormalizeAppend(text, options, out);
  return out;
}

std::vector<std::string> SplitOnSpaces(std::string_view normalized) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < normalized.size()) {
    size_t end = normalized.find(' ', start);
    if (end == std::string_view::npos) end = normalized.size();
    if (end > start) out.emplace_back(normalized.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace isnad
