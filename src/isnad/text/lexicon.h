// WordTable and the resource-file reader shared by every word list.
//
// WHAT THIS OBJECT REPRESENTS
//   An immutable map from a word (UTF-8 bytes, already normalized the way
//   the resource says) to a 32-bit value: a corpus count for the lexicon, 1
//   for plain word lists. Open addressing over 16-byte slots that hold the
//   word's 64-bit hash and length, not its bytes: a lookup is one hash and,
//   usually, one cache line, with no second read to compare the bytes. The
//   segmenter and the tagger make several lookups per word, and that second
//   read cost about a tenth of the whole analysis. Two words of one length
//   share a hash with probability 2^-64 (FNV-1a with a final avalanche), so
//   a wrong answer is not expected in the lifetime of the project; a test
//   checks that the words of the committed resources have distinct hashes.
//
// THREAD SAFETY
//   Immutable after building; Find() is safe from any number of threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "isnad/base/status.h"

namespace isnad {

class WordTable {
 public:
  WordTable() = default;

  // Adds or overwrites; only while building (before the first Find()).
  void Insert(std::string_view word, uint32_t value);
  // Value of `word`, or 0 when absent.
  uint32_t Find(std::string_view word) const;
  bool Contains(std::string_view word) const { return Find(word) != 0; }
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t length = 0;  // 0 marks an empty slot
    uint32_t value = 0;
  };
  void Grow();
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

uint64_t HashBytes(std::string_view bytes);

// A versioned resource file: UTF-8 text whose first line is
// "# isnad-resource NAME VERSION"; then comment lines ("#"), "key value"
// lines ("@key value", settings that belong to the resource version) and
// data lines. Refuses a file of another name or a newer version.
struct ResourceFile {
  std::string name;
  int version = 0;
  std::vector<std::pair<std::string, std::string>> settings;  // @key value
  std::vector<std::string_view> lines;                        // data lines
  std::string content;                                        // owns `lines`
  std::string path;

  const std::string* Setting(std::string_view key) const;
};

Status ReadResourceFile(const std::string& path, std::string_view expected_name,
                        int max_version, ResourceFile& out);
Status ParseResourceFile(std::string content, std::string_view origin,
                         std::string_view expected_name, int max_version, ResourceFile& out);

// Reads the resource file at `path` and builds T from it with
// T::FromResource: the one way every resource type is loaded.
template <typename T>
Status LoadResource(const std::string& path, std::string_view name, int max_version, T& out) {
  ResourceFile file;
  Status s = ReadResourceFile(path, name, max_version, file);
  if (!s.ok()) return s;
  return T::FromResource(file, out);
}

// Splits on runs of ASCII white space and tabs.
std::vector<std::string_view> SplitFields(std::string_view line);

// The segmentation lexicon: word counts from a large news corpus, keyed on
// Light-normalized words (see normalize.h). Built by `isnad build-lexicon`.
class Lexicon {
 public:
  static Status Load(const std::string& path, Lexicon& out);
  static Status FromResource(const ResourceFile& file, Lexicon& out);

  uint32_t Count(std::string_view word) const { return table_.Find(word); }
  size_t size() const { return table_.size(); }
  const std::string& fingerprint() const { return fingerprint_; }

  // For building lexicons in code (tests, build-lexicon).
  void Add(std::string_view word, uint32_t count) { table_.Insert(word, count); }

 private:
  WordTable table_;
  std::string fingerprint_;
};

}  // namespace isnad
