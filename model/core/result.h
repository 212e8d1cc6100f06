#pragma once

#include <optional>
#include <string>
#include <utility>

namespace bulkhead {

/**
 * A value or a readable error message. Used across the model layer instead of exceptions so
 * that no parse or I/O failure can escape into the UI as an uncaught throw.
 */
template<typename T>
class Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {}
    static Result failure(std::string message) { return Result(FailureTag{}, std::move(message)); }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    T &value() { return *m_value; }
    const T &value() const { return *m_value; }
    T &operator*() { return *m_value; }
    const T &operator*() const { return *m_value; }
    T *operator->() { return &*m_value; }
    const T *operator->() const { return &*m_value; }
    const std::string &error() const { return m_error; }

private:
    struct FailureTag
    {};
    Result(FailureTag, std::string message)
        : m_error(std::move(message))
    {}
    std::optional<T> m_value;
    std::string m_error;
};

/** Success or an error message, for operations without a value. */
class Status
{
public:
    Status() = default;
    static Status failure(std::string message) { return Status(std::move(message)); }
    bool ok() const { return m_error.empty(); }
    explicit operator bool() const { return ok(); }
    const std::string &error() const { return m_error; }

private:
    explicit Status(std::string message)
        : m_error(std::move(message))
    {}
    std::string m_error;
};

} // namespace bulkhead
