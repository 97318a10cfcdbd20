// The reader is a queue of inputs: folders expand into their report files
// in name order, JSONL files become a LineStream read one line at a time,
// and every other file is one report read whole (up to the size limit).
#include "isnad/document/reader.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "isnad/document/encoding.h"
#include "isnad/text/utf8.h"

namespace isnad {

namespace fs = std::filesystem;

namespace {

std::string Lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

enum class InputKind { kText, kHtml, kJsonl, kJsonlGz, kOther };

InputKind KindOf(const std::string& path) {
  std::string name = Lower(fs::path(path).filename().string());
  if (EndsWith(name, ".jsonl.gz")) return InputKind::kJsonlGz;
  if (EndsWith(name, ".jsonl")) return InputKind::kJsonl;
  if (EndsWith(name, ".txt")) return InputKind::kText;
  if (EndsWith(name, ".html") || EndsWith(name, ".htm")) return InputKind::kHtml;
  return InputKind::kOther;
}

std::string StemOf(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  for (const char* ext : {".jsonl.gz", ".jsonl", ".txt", ".html", ".htm"}) {
    std::string e = ext;
    if (Lower(name).size() > e.size() && EndsWith(Lower(name), e)) return name.substr(0, name.size() - e.size());
  }
  return name;
}

std::string HumanBytes(uint64_t n) {
  char buf[32];
  if (n >= (1ull << 30)) std::snprintf(buf, sizeof buf, "%.1f GiB", n / double(1ull << 30));
  else if (n >= (1ull << 20)) std::snprintf(buf, sizeof buf, "%.1f MiB", n / double(1ull << 20));
  else std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(n));
  return buf;
}

}  // namespace

bool IsReportFileName(const std::string& name) { return KindOf(name) != InputKind::kOther; }

// A stream of lines from a plain file, a gzip file or standard input, with a
// fixed buffer: a line longer than the limit is skipped to its end without
// being held in memory.
class ReportReader::LineStream {
 public:
  static std::unique_ptr<LineStream> Open(const std::string& path, bool gz, std::string& error) {
    auto s = std::unique_ptr<LineStream>(new LineStream());
    if (path == "-") {
      s->file_ = stdin;
      s->owns_file_ = false;
    } else if (gz) {
      s->gz_ = gzopen(path.c_str(), "rb");
      if (!s->gz_) {
        error = "cannot open: " + std::string(std::strerror(errno));
        return nullptr;
      }
      gzbuffer(s->gz_, 1 << 17);
    } else {
      s->file_ = std::fopen(path.c_str(), "rb");
      if (!s->file_) {
        error = "cannot open: " + std::string(std::strerror(errno));
        return nullptr;
      }
    }
    s->buffer_.resize(1 << 18);
    return s;
  }
  ~LineStream() {
    if (gz_) gzclose(gz_);
    if (file_ && owns_file_) std::fclose(file_);
  }

  // Prepends bytes already read (standard input sniffing).
  void Unread(std::string bytes) { pushed_back_ = std::move(bytes); }

  enum class Result { kLine, kTooLong, kEnd, kError };

  // Reads the next line (without its '\n') into `line`, up to `max` bytes.
  Result ReadLine(std::string& line, uint64_t max, uint64_t& line_number, uint64_t& too_long_size) {
    line.clear();
    bool too_long = false;
    uint64_t size = 0;
    while (true) {
      if (begin_ == end_ && !Fill()) {
        if (error_) return Result::kError;
        if (size == 0 && !pending_line_) return Result::kEnd;
        pending_line_ = false;
        ++line_number;
        if (too_long) {
          too_long_size = size;
          return Result::kTooLong;
        }
        return Result::kLine;
      }
      pending_line_ = true;
      const char* start = buffer_.data() + begin_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
      size_t take = nl ? static_cast<size_t>(nl - start) : end_ - begin_;
      size += take;
      if (!too_long) {
        if (size > max) {
          too_long = true;
          line.clear();
          line.shrink_to_fit();
        } else {
          line.append(start, take);
        }
      }
      begin_ += take;
      if (nl) {
        ++begin_;
        pending_line_ = false;
        ++line_number;
        if (too_long) {
          too_long_size = size;
          return Result::kTooLong;
        }
        return Result::kLine;
      }
    }
  }

  std::string error_message() const { return error_message_; }

 private:
  LineStream() = default;
  bool Fill() {
    begin_ = end_ = 0;
    if (!pushed_back_.empty()) {
      if (buffer_.size() < pushed_back_.size()) buffer_.resize(pushed_back_.size());
      std::memcpy(buffer_.data(), pushed_back_.data(), pushed_back_.size());
      end_ = pushed_back_.size();
      pushed_back_.clear();
      return true;
    }
    if (gz_) {
      int n = gzread(gz_, buffer_.data(), static_cast<unsigned>(buffer_.size()));
      if (n < 0) {
        int code = 0;
        error_message_ = gzerror(gz_, &code);
        error_ = true;
        return false;
      }
      end_ = static_cast<size_t>(n);
      return n > 0;
    }
    size_t n = std::fread(buffer_.data(), 1, buffer_.size(), file_);
    if (n == 0 && std::ferror(file_)) {
      error_message_ = std::strerror(errno);
      error_ = true;
    }
    end_ = n;
    return n > 0;
  }

  std::FILE* file_ = nullptr;
  bool owns_file_ = true;
  gzFile gz_ = nullptr;
  std::string buffer_;
  std::string pushed_back_;
  size_t begin_ = 0, end_ = 0;
  bool pending_line_ = false;
  bool error_ = false;
  std::string error_message_;
};

ReportReader::ReportReader(std::vector<std::string> inputs, ReaderOptions options,
                           Diagnostics& diagnostics)
    : options_(options), diagnostics_(diagnostics) {
  std::reverse(inputs.begin(), inputs.end());
  pending_ = std::move(inputs);
}

ReportReader::~ReportReader() = default;

bool ReportReader::Next(RawReport& out) {
  while (true) {
    if (jsonl_) {
      if (NextFromJsonl(out)) return true;
      jsonl_.reset();
      continue;
    }
    if (pending_.empty()) return false;
    std::string path = std::move(pending_.back());
    pending_.pop_back();

    if (path == "-") {
      // Sniff standard input: JSONL when its first non-space byte is '{'.
      std::string head(4096, '\0');
      size_t n = std::fread(head.data(), 1, head.size(), stdin);
      head.resize(n);
      size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
      std::string error;
      jsonl_ = LineStream::Open("-", false, error);
      jsonl_->Unread(head);
      jsonl_origin_ = "-";
      line_number_ = 0;
      ++files_read_;
      if (first != std::string::npos && head[first] == '{') continue;
      // One text report from all of standard input.
      std::string bytes, line;
      uint64_t line_no = 0, too_long = 0;
      bool over = false;
      while (true) {
        auto r = jsonl_->ReadLine(line, options_.max_report_bytes, line_no, too_long);
        if (r == LineStream::Result::kEnd || r == LineStream::Result::kError) break;
        if (r == LineStream::Result::kTooLong || bytes.size() + line.size() > options_.max_report_bytes) {
          over = true;
          bytes.clear();
          continue;
        }
        if (!over) {
          bytes += line;
          bytes += '\n';
        }
      }
      jsonl_.reset();
      if (over) {
        diagnostics_.Error("-", 0, "report is larger than the limit of " +
                                       HumanBytes(options_.max_report_bytes) + "; skipped");
        continue;
      }
      RawReport r;
      r.id = "stdin";
      r.origin = "-";
      DecodedText d = DecodeReportBytes(bytes);
      if (d.outcome == DecodeOutcome::kBinary || d.outcome == DecodeOutcome::kEmpty) {
        diagnostics_.Error("-", 0, d.reason);
        continue;
      }
      if (d.outcome == DecodeOutcome::kRepaired)
        diagnostics_.Warn("-", d.first_bad_line,
                          "invalid UTF-8: " + std::to_string(d.replaced) + " sequence(s) replaced by U+FFFD");
      if (d.outcome == DecodeOutcome::kConverted)
        diagnostics_.Note("-", 0, "read as " + d.encoding + " and converted to UTF-8");
      r.text = std::move(d.text);
      out = std::move(r);
      return true;
    }

    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      diagnostics_.Error(path, 0, "no such file or folder");
      continue;
    }
    if (fs::is_directory(status)) {
      std::vector<std::string> files;
      for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && IsReportFileName(it->path().filename().string()))
          files.push_back(it->path().string());
      }
      if (ec) diagnostics_.Error(path, 0, "cannot read folder: " + ec.message());
      std::sort(files.begin(), files.end());
      for (auto it = files.rbegin(); it != files.rend(); ++it) pending_.push_back(*it);
      continue;
    }
    InputKind kind = KindOf(path);
    if (kind == InputKind::kJsonl || kind == InputKind::kJsonlGz) {
      std::string error;
      jsonl_ = LineStream::Open(path, kind == InputKind::kJsonlGz, error);
      if (!jsonl_) {
        diagnostics_.Error(path, 0, error);
        continue;
      }
      jsonl_origin_ = path;
      line_number_ = 0;
      ++files_read_;
      continue;
    }
    if (kind == InputKind::kOther) {
      // Named explicitly, so not passed over quietly: read it as text.
      diagnostics_.Note(path, 0, "not a .txt, .html or .jsonl file; read as a text report");
    }
    if (ReadWholeReport(path, out)) return true;
  }
}

bool ReportReader::ReadWholeReport(const std::string& path, RawReport& out) {
  std::error_code ec;
  uint64_t size = fs::file_size(path, ec);
  if (ec) {
    diagnostics_.Error(path, 0, "cannot read: " + ec.message());
    return false;
  }
  if (size > options_.max_report_bytes) {
    diagnostics_.Error(path, 0, "file is " + HumanBytes(size) + ", larger than the largest report read (" +
                                    HumanBytes(options_.max_report_bytes) +
                                    "); skipped. Split it, or give it as JSONL, one report a line");
    return false;
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    diagnostics_.Error(path, 0, std::string("cannot open: ") + std::strerror(errno));
    return false;
  }
  std::string bytes(size, '\0');
  size_t n = std::fread(bytes.data(), 1, size, f);
  std::fclose(f);
  bytes.resize(n);
  ++files_read_;
  DecodedText d = DecodeReportBytes(bytes);
  if (d.outcome == DecodeOutcome::kBinary || d.outcome == DecodeOutcome::kEmpty) {
    diagnostics_.Error(path, 0, d.reason + "; skipped");
    return false;
  }
  if (d.outcome == DecodeOutcome::kRepaired)
    diagnostics_.Warn(path, d.first_bad_line,
                      "invalid UTF-8: " + std::to_string(d.replaced) +
                          " sequence(s) replaced by U+FFFD (first on this line)");
  if (d.outcome == DecodeOutcome::kConverted)
    diagnostics_.Note(path, 0, "read as " + d.encoding + " and converted to UTF-8");
  RawReport r;
  r.id = StemOf(path);
  r.origin = path;
  if (KindOf(path) == InputKind::kHtml || LooksLikeHtml(d.text)) {
    if (KindOf(path) != InputKind::kHtml) diagnostics_.Note(path, 0, "looks like HTML; markup removed");
    r.text = HtmlToText(d.text);
    if (r.text.find_first_not_of(" \n\t") == std::string::npos) {
      diagnostics_.Error(path, 0, "HTML page has no text; skipped");
      return false;
    }
  } else {
    r.text = std::move(d.text);
  }
  out = std::move(r);
  return true;
}

bool ReportReader::NextFromJsonl(RawReport& out) {
  std::string line;
  uint64_t too_long_size = 0;
  while (true) {
    auto result = jsonl_->ReadLine(line, options_.max_report_bytes, line_number_, too_long_size);
    if (result == LineStream::Result::kEnd) return false;
    if (result == LineStream::Result::kError) {
      diagnostics_.Error(jsonl_origin_, line_number_ + 1, "read error: " + jsonl_->error_message() +
                                                             "; the rest of the file is lost");
      return false;
    }
    if (result == LineStream::Result::kTooLong) {
      diagnostics_.Error(jsonl_origin_, line_number_,
                         "line is " + HumanBytes(too_long_size) + ", larger than the largest report read (" +
                             HumanBytes(options_.max_report_bytes) + "); skipped");
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank line
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string_view bytes(line);
    if (line_number_ == 1 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    // JSON must be UTF-8; a line in Windows-1256 is converted, a damaged one repaired.
    std::string decoded;
    if (utf8::FirstInvalid(bytes) != std::string_view::npos) {
      DecodedText d = DecodeReportBytes(bytes);
      if (d.outcome == DecodeOutcome::kBinary) {
        diagnostics_.Error(jsonl_origin_, line_number_, d.reason + "; line skipped");
        continue;
      }
      if (d.outcome == DecodeOutcome::kRepaired)
        diagnostics_.Warn(jsonl_origin_, line_number_,
                          "invalid UTF-8: " + std::to_string(d.replaced) + " sequence(s) replaced by U+FFFD");
      else
        diagnostics_.Note(jsonl_origin_, line_number_, "read as " + d.encoding + " and converted to UTF-8");
      decoded = std::move(d.text);
      bytes = decoded;
    }
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(bytes);
    } catch (const nlohmann::json::parse_error& e) {
      std::string what = e.what();
      size_t p = what.find("parse error");
      diagnostics_.Error(jsonl_origin_, line_number_,
                         "not valid JSON (" + (p == std::string::npos ? what : what.substr(p)) + "); line skipped");
      continue;
    }
    if (!j.is_object()) {
      diagnostics_.Error(jsonl_origin_, line_number_, "not a JSON object; line skipped");
      continue;
    }
    auto text = j.find("text");
    if (text == j.end() || !text->is_string()) {
      diagnostics_.Error(jsonl_origin_, line_number_, "no \"text\" string; line skipped");
      continue;
    }
    RawReport r;
    r.origin = jsonl_origin_;
    r.line = line_number_;
    auto id = j.find("id");
    if (id != j.end() && id->is_string() && !id->get<std::string>().empty()) r.id = id->get<std::string>();
    else if (id != j.end() && id->is_number_integer()) r.id = std::to_string(id->get<long long>());
    else {
      r.id = StemOf(jsonl_origin_) + ":" + std::to_string(line_number_);
      diagnostics_.Warn(jsonl_origin_, line_number_, "no \"id\"; using " + r.id);
    }
    auto field = [&](const char* name) -> std::optional<std::string> {
      auto it = j.find(name);
      if (it != j.end() && it->is_string()) return it->get<std::string>();
      return std::nullopt;
    };
    r.title = field("title");
    r.date = field("date");
    r.source = field("source");
    r.url = field("url");
    r.text = text->get<std::string>();
    r.text_has_header = false;
    // Normalize line ends inside the text as for files.
    if (r.text.find('\r') != std::string::npos) {
      std::string t;
      t.reserve(r.text.size());
      for (size_t i = 0; i < r.text.size(); ++i) {
        if (r.text[i] == '\r') {
          t.push_back('\n');
          if (i + 1 < r.text.size() && r.text[i + 1] == '\n') ++i;
        } else {
          t.push_back(r.text[i]);
        }
      }
      r.text = std::move(t);
    }
    // A headline with no body is still a report; neither is not.
    if (r.text.find_first_not_of(" \n\t") == std::string::npos &&
        (!r.title || r.title->find_first_not_of(" \n\t") == std::string::npos)) {
      diagnostics_.Error(jsonl_origin_, line_number_, "empty \"text\" and no title; line skipped");
      continue;
    }
    out = std::move(r);
    return true;
  }
}

}  // namespace isnad
