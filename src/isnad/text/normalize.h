// Arabic orthographic normalization with offsets back to the original text.
//
// Each folding is a switch, because stages need different ones: the lexicon
// is keyed on text with only diacritics and tatweel removed (so that the
// segmenter can still tell a hamza from a bare alef), while matching names
// and search fold alef forms, ta marbuta and alef maqsura as well.
// Anything that changes the output of a resource lookup is part of that
// resource's version (see resources/README.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace isnad {

struct NormalizeOptions {
  bool remove_diacritics = true;   // harakat, shadda, sukun, dagger alef
  bool remove_tatweel = true;      // kashida U+0640
  bool fold_alef = true;           // alef with hamza above/below, madda, wasla -> bare alef
  bool fold_hamza_carriers = false;  // waw-hamza -> waw, yeh-hamza -> yeh
  bool fold_ta_marbuta = false;    // ta marbuta -> heh
  bool fold_alef_maqsura = false;  // alef maqsura -> yeh
  bool fold_persian = true;        // keheh, farsi yeh, heh doachashmee... -> Arabic letters
  bool fold_digits = true;         // Arabic-Indic and Persian digits -> ASCII
  bool remove_format_marks = true;  // ZWNJ, ZWJ, LRM, RLM, BOM inside text

  // Only diacritics, tatweel, format marks, Persian letters and digits:
  // the key space of the segmentation lexicon.
  static NormalizeOptions Light();
  // Everything folded: the key space of name matching and search, and the
  // same folding as the evaluation scorer.
  static NormalizeOptions Matching();
};

// Normalized text plus, for every byte of it, the byte offset in the
// original text of the code point it came from (and one more entry for the
// end), so that a span found in normalized text maps back exactly.
struct NormalizedText {
  std::string text;
  std::vector<uint32_t> source_offset;  // size() == text.size() + 1

  // Original byte span of the normalized byte span [begin, end).
  uint32_t SourceBegin(size_t begin) const { return source_offset[begin]; }
  uint32_t SourceEnd(size_t end) const { return source_offset[end]; }
};

// Maps one code point under `options`; returns 0 when it is removed.
char32_t NormalizeCodePoint(char32_t c, const NormalizeOptions& options);

void Normalize(std::string_view text, const NormalizeOptions& options, NormalizedText& out);

// Without offsets; appends to `out`. The fast path for single words.
void NormalizeAppend(std::string_view text, const NormalizeOptions& options, std::string& out);
std::string Normalize(std::string_view text, const NormalizeOptions& options);

// The words of a normalized text: the runs between single spaces.
std::vector<std::string> SplitOnSpaces(std::string_view normalized);

}  // namespace isnad
