// Status: the error value of the isnad library.
//
// The library never prints, exits or aborts; a function that can fail returns
// a Status (or fills an out-parameter and returns a Status) whose message
// names what failed, with file and line where there is one. Programs decide
// what to do with it.
#pragma once

#include <string>
#include <utility>

namespace isnad {

class Status {
 public:
  Status() = default;  // OK
  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return !failed_; }
  const std::string& message() const { return message_; }

 private:
  explicit Status(std::string message) : failed_(true), message_(std::move(message)) {}
  bool failed_ = false;
  std::string message_;
};

}  // namespace isnad
