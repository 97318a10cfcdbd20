#include "isnad/text/lexicon.h"

#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

namespace isnad {

uint64_t HashBytes(std::string_view bytes) {
  // FNV-1a, then a final avalanche: words are short, so a simple loop wins.
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

void WordTable::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.length == 0) continue;
    size_t i = s.hash & mask;
    while (slots_[i].length != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void WordTable::Insert(std::string_view word, uint32_t value) {
  if (word.empty()) return;
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  const uint64_t h = HashBytes(word);
  const size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while (slots_[i].length != 0) {
    if (slots_[i].hash == h && slots_[i].length == word.size()) {
      slots_[i].value = value;
      return;
    }
    i = (i + 1) & mask;
  }
  slots_[i] = Slot{h, static_cast<uint32_t>(word.size()), value};
  ++size_;
}

uint32_t WordTable::Find(std::string_view word) const {
  if (slots_.empty() || word.empty()) return 0;
  const uint64_t h = HashBytes(word);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.length == 0) return 0;
    if (s.hash == h && s.length == word.size()) return s.value;
  }
}

std::vector<std::string_view> SplitFields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    if (j > i) fields.push_back(line.substr(i, j - i));
    i = j;
  }
  return fields;
}

const std::string* ResourceFile::Setting(std::string_view key) const {
  for (const auto& [k, v] : settings)
    if (k == key) return &v;
  return nullptr;
}

Status ParseResourceFile(std::string content, std::string_view origin,
                         std::string_view expected_name, int max_version, ResourceFile& out) {
  out = ResourceFile();
  out.content = std::move(content);
  out.path = std::string(origin);
  std::string_view all(out.content);
  size_t line_no = 0;
  size_t pos = 0;
  while (pos <= all.size()) {
    size_t eol = all.find('\n', pos);
    if (eol == std::string_view::npos) eol = all.size();
    std::string_view line = all.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no == 1) {
      auto f = SplitFields(line);
      if (f.size() != 4 || f[0] != "#" || f[1] != "isnad-resource")
        return Status::Error(std::string(origin) +
                             ":1: not an isnad resource (first line must be "
                             "'# isnad-resource NAME VERSION')");
      out.name = std::string(f[2]);
      std::from_chars(f[3].data(), f[3].data() + f[3].size(), out.version);
      if (out.name != expected_name)
        return Status::Error(std::string(origin) + ":1: resource is '" + out.name + "', expected '" +
                             std::string(expected_name) + "'");
      if (out.version < 1 || out.version > max_version)
        return Status::Error(std::string(origin) + ":1: resource version " +
                             std::to_string(out.version) + " is not one this build reads (1.." +
                             std::to_string(max_version) + ")");
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '@') {
      auto f = SplitFields(line.substr(1));
      if (f.size() < 2)
        return Status::Error(std::string(origin) + ":" + std::to_string(line_no) +
                             ": a setting needs a key and a value");
      out.settings.emplace_back(std::string(f[0]), std::string(f[1]));
      continue;
    }
    out.lines.push_back(line);
  }
  if (out.name.empty()) return Status::Error(std::string(origin) + ": empty resource file");
  return Status::Ok();
}

Status ReadResourceFile(const std::string& path, std::string_view expected_name, int max_version,
                        ResourceFile& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(path + ": cannot open resource file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return ParseResourceFile(buffer.str(), path, expected_name, max_version, out);
}

Status Lexicon::FromResource(const ResourceFile& file, Lexicon& out) {
  out = Lexicon();
  for (std::string_view line : file.lines) {
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos)
      return Status::Error(file.path + ": lexicon line without a tab: " + std::string(line.substr(0, 40)));
    uint32_t count = 0;
    auto num = line.substr(tab + 1);
    auto [ptr, ec] = std::from_chars(num.data(), num.data() + num.size(), count);
    if (ec != std::errc() || count == 0)
      return Status::Error(file.path + ": bad count in lexicon line: " + std::string(line.substr(0, 40)));
    out.table_.Insert(line.substr(0, tab), count);
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(HashBytes(file.content)));
  out.fingerprint_ = file.name + "-" + std::to_string(file.version) + "-" + hex;
  return Status::Ok();
}

Status Lexicon::Load(const std::string& path, Lexicon& out) {
  return LoadResource(path, "lexicon", 1, out);
}

}  // namespace isnad
