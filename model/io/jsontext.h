#pragma once

// Private to the model layer: the only header that exposes nlohmann::json, so public headers
// stay light and the JSON library can be swapped without touching callers.

#include "core/result.h"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace bulkhead::jsontext {

/**
 * Deeper documents are refused while parsing, before the deeper array or object takes any
 * memory: no valid Bulkhead file comes near it.
 */
inline constexpr int maxNestingDepth = 64;

struct TextPosition
{
    std::size_t line = 0;   ///< 1-based; 0 when unknown
    std::size_t column = 0; ///< 1-based, in bytes
};

/** Line and column of a byte offset. */
TextPosition positionOfOffset(std::string_view text, std::size_t offset);

/**
 * Parses JSON text, stopping at the first problem in the text: a syntax error, a number outside
 * what a double holds (±1.8e308), nesting deeper than maxNestingDepth or a key repeated within
 * one object. Errors read "SOURCE:LINE:COLUMN: what is wrong", one line, with input quoted in
 * them escaped and cut short (core/displaytext.h).
 */
Result<nlohmann::json> parse(std::string_view text, const std::string &sourceName);

/**
 * Where the value at a JSON pointer ("/elements/2/name") starts in the text; falls back to
 * the nearest enclosing value that exists. Used only to place error messages.
 */
TextPosition locate(std::string_view text, std::string_view jsonPointer);

/**
 * "SOURCE:LINE:COLUMN: message", or "SOURCE: message" without a position; control and bidi
 * characters in either are shown escaped, so the result is always one line.
 */
std::string formatMessage(const std::string &sourceName, TextPosition position,
                          const std::string &message);

/**
 * "elements[2].properties.privileged" from "/elements/2/properties/privileged"; each key shown
 * escaped and cut short, since it comes from the file.
 */
std::string readablePath(std::string_view jsonPointer);

} // namespace bulkhead::jsontext
