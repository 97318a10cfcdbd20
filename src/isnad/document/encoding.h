// Turning a report's bytes into the UTF-8 text every later stage reads.
//
// CONTRACT
//   DecodeReportBytes() always produces valid UTF-8 with LF line ends, or
//   refuses the input with a reason. It
//   - drops a UTF-8 byte-order mark, and converts UTF-16 with a BOM;
//   - refuses binary data (NUL bytes, or mostly control characters);
//   - converts Windows-1256 (still common on Arabic sites) when the bytes
//     are not UTF-8 and read as Arabic in that code page;
//   - otherwise replaces each invalid UTF-8 sequence by U+FFFD and says
//     where the first one was (line and count): repaired, with loss;
//   - turns CRLF and lone CR into LF.
//   Offsets in the analysis record are code points into this decoded text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace isnad {

enum class DecodeOutcome {
  kUtf8,          // valid UTF-8 as it was (BOM and CR aside)
  kConverted,     // converted losslessly from another encoding: see `encoding`
  kRepaired,      // invalid bytes replaced with U+FFFD: lossy
  kBinary,        // refused: not text
  kEmpty,         // refused: nothing but white space
};

struct DecodedText {
  std::string text;
  DecodeOutcome outcome = DecodeOutcome::kUtf8;
  std::string encoding = "UTF-8";  // what the bytes were read as
  uint64_t replaced = 0;           // invalid sequences replaced
  uint64_t first_bad_line = 0;     // 1-based line of the first one
  std::string reason;              // for kBinary / kEmpty
};

DecodedText DecodeReportBytes(std::string_view bytes);

// Replaces invalid UTF-8 sequences by U+FFFD; returns how many.
uint64_t RepairUtf8(std::string_view bytes, std::string& out, uint64_t* first_bad_line);

}  // namespace isnad
