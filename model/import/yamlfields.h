#pragma once

#include "import/yamltree.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bulkhead {

/**
 * Strict reading of YAML values for the importers: every message names the file, the line,
 * the object and the field; unknown fields are refused with a suggestion. The reader throws
 * ImportFailure; each importer catches it at its boundary and returns a failed Result.
 */

/** Thrown inside an importer only; the importer's entry point turns it into a failed Result. */
struct ImportFailure
{
    std::string message;
};

/** Field names as an API spells them, for checking mappings and choices. */
using KeyList = std::vector<std::string_view>;

/** Where the reader is, for messages. */
struct FieldContext
{
    /** The input file's path as the user gave it; never null while reading. */
    const std::string *file = nullptr;
    /** "Deployment shop/web", or empty before the object is known. */
    std::string object;
};

/** Throws "FILE:LINE:COLUMN: OBJECT: PATH: message" (the parts not known left out). */
[[noreturn]] void failAt(const FieldContext &context, const YamlNode &at, const std::string &path,
                         const std::string &message);

/** A value for a message: a scalar quoted, at most 40 printable ASCII characters; else its type. */
std::string shownValue(const YamlNode &node);

/** " (did you mean "x"?)" for the nearest of `known` within two edits of `key`, else empty. */
std::string didYouMean(std::string_view key, const KeyList &known);

/** A whole number in decimal, with an optional "+"; nothing for any other text. */
std::optional<std::int64_t> parseInteger(std::string_view text);

/** YAML 1.1 booleans (true/yes/on and false/no/off, in three casings); nothing otherwise. */
std::optional<bool> parseBool(std::string_view text);

/**
 * A mapping checked against the field names defined there. A missing or null value reads as
 * absent. Holds pointers to the context and the node: both must outlive it.
 */
class YamlFields
{
public:
    YamlFields(const FieldContext &context, const YamlNode *node, std::string path)
        : m_context(&context)
        , m_node(node)
        , m_path(std::move(path))
    {}

    /** The mapping at `node` with only `known` keys; null reads as absent. Throws otherwise. */
    static YamlFields check(const FieldContext &context, const YamlNode &node,
                            const std::string &path, const KeyList &known);

    bool present() const { return m_node != nullptr; }
    const FieldContext &context() const { return *m_context; }
    const std::string &path() const { return m_path; }
    /** The mapping itself; only when present(). */
    const YamlNode &node() const { return *m_node; }
    int line() const { return m_node ? m_node->line : 0; }

    /** "path.key", or "key" at the top. */
    std::string pathOf(std::string_view key) const;

    /** The value of `key`, or nullptr when it is missing or null. */
    const YamlNode *value(std::string_view key) const;
    bool has(std::string_view key) const { return value(key) != nullptr; }

    [[noreturn]] void fail(const YamlNode &at, std::string_view key,
                           const std::string &message) const;

    std::optional<std::string> text(std::string_view key) const;
    std::string text(std::string_view key, const std::string &fallback) const
    {
        return text(key).value_or(fallback);
    }
    std::optional<bool> boolean(std::string_view key) const;
    std::optional<std::int64_t> integer(std::string_view key, std::int64_t minimum,
                                        std::int64_t maximum) const;
    /** A text value that must be one of `values` (as the API spells them). */
    std::optional<std::string> choice(std::string_view key, const KeyList &values) const;

    /** A nested mapping checked against `known`; absent when missing. */
    YamlFields object(std::string_view key, const KeyList &known) const;
    /** The items of a list; each item's path is "key[i]". */
    std::vector<std::pair<const YamlNode *, std::string>> items(std::string_view key) const;
    /** A list of mappings, each checked against `known`. */
    std::vector<YamlFields> objects(std::string_view key, const KeyList &known) const;
    std::vector<std::string> texts(std::string_view key) const;
    /** A mapping of names to text (labels, annotations, selectors, resource amounts). */
    std::map<std::string, std::string> textMap(std::string_view key) const;
    /** The names of a mapping's entries (Secret and ConfigMap keys), values unread. */
    std::vector<std::string> keysOf(std::string_view key) const;

private:
    /** The value of `key` as a mapping whose values are text or null; nullptr when absent. */
    const YamlNode *textMapping(std::string_view key) const;

    const FieldContext *m_context;
    const YamlNode *m_node;
    std::string m_path;
};

} // namespace bulkhead
