#pragma once
// A small command-line parser: positional arguments plus --flag / --key VALUE
// options, with errors that name the offending argument.
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace breakeven::cli {

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Args {
public:
    // valueOptions take a value ("--seed 7" or "--seed=7"); flags don't.
    Args(const std::vector<std::string>& argv, const std::set<std::string>& flags,
         const std::set<std::string>& valueOptions);

    [[nodiscard]] const std::vector<std::string>& positional() const { return positional_; }
    [[nodiscard]] bool flag(const std::string& name) const { return flags_.count(name) > 0; }
    // The last value given for `name` (a repeated option keeps every value).
    [[nodiscard]] std::optional<std::string> value(const std::string& name) const;
    [[nodiscard]] const std::vector<std::string>& values(const std::string& name) const;
    [[nodiscard]] std::optional<std::uint64_t> unsignedValue(const std::string& name) const;

private:
    std::vector<std::string> positional_;
    std::set<std::string> flags_;
    std::map<std::string, std::vector<std::string>> values_;
};

}  // namespace breakeven::cli
