#pragma once

#include "core/limits.h"
#include "core/result.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bulkhead {

/**
 * A YAML node copied out of the parser into plain data, with where it came from. Aliases are
 * expanded and merge keys ("<<") applied while copying, so importers never meet either.
 */
struct YamlNode
{
    enum class Type { Null, Scalar, Sequence, Mapping };

    /** Defined in yamltree.cpp: clang with libstdc++ (the fuzz preset) otherwise instantiates
     *  std::pair<std::string, YamlNode> from inside its own default constructor and fails. */
    YamlNode();

    Type type = Type::Null;
    std::string scalar;
    /** A quoted scalar is always a string: "yes" in quotes is not a boolean. */
    bool quoted = false;
    /** An explicit tag such as "!reset" or "!override"; empty for untagged nodes. */
    std::string tag;
    std::vector<YamlNode> items;
    std::vector<std::pair<std::string, YamlNode>> entries;
    /** Where each key of `entries` starts, in the same order: {line, column}, 1-based (0 when unknown). */
    std::vector<std::pair<int, int>> keyPositions;
    /** 1-based position in the file; 0 when unknown. */
    int line = 0;
    int column = 0;
    /** Which of several input files the node came from, for importers that merge files. */
    int fileIndex = 0;

    bool isNull() const { return type == Type::Null; }
    bool isScalar() const { return type == Type::Scalar; }
    bool isSequence() const { return type == Type::Sequence; }
    bool isMapping() const { return type == Type::Mapping; }
    /** The value of `key` in a mapping, or nullptr (also for other types). */
    const YamlNode *find(std::string_view key) const;
    /** A node standing for the key of entries[index], for messages about the key itself. */
    YamlNode keyAt(std::size_t index) const;
    /** What the node is, for messages: "a mapping", "a list", "text", "nothing". */
    std::string_view typeName() const;
};

/**
 * Bounds that keep hostile files (alias bombs, deep nesting, sheer size, input the parser
 * cannot get past) cheap to refuse; the defaults are core/limits.h's. All are checked while
 * the parser runs, before the memory they guard is spent.
 */
struct YamlLimits
{
    std::size_t maxBytes = limits::maxYamlFileBytes;
    /** Nodes after expanding aliases, over all documents of a file; anchored nodes count twice. */
    std::size_t maxNodes = limits::maxYamlNodes;
    /** Bytes of scalars (keys and values) after expanding aliases, counted like maxNodes. */
    std::size_t maxExpandedBytes = limits::maxYamlExpandedBytes;
    std::size_t maxDepth = limits::maxYamlDepth;
};

/** One YAML file: its documents, in order (empty documents dropped). */
struct YamlFile
{
    std::string path;
    std::vector<YamlNode> documents;
};

/**
 * Parses YAML text; errors read "NAME:LINE:COLUMN: message". `name` is used in messages only.
 * Never throws.
 */
Result<YamlFile> parseYaml(std::string_view text, const std::string &name,
                           const YamlLimits &limits = {});

/** As parseYaml, from a file; a file larger than limits.maxBytes is refused before reading. */
Result<YamlFile> readYamlFile(const std::string &path, const YamlLimits &limits = {});

/** "PATH:LINE:COLUMN: message" for a node of a file (the position left out when unknown). */
std::string yamlError(const std::string &path, const YamlNode &node, const std::string &message);

} // namespace bulkhead
