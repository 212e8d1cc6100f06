#pragma once

// Internal to the Compose import (composeimporter.cpp and the compose*.cpp files in this folder).

#include "catalog/catalog.h"
#include "import/compose/composevariables.h"
#include "import/importresult.h"
#include "import/importsupport.h"
#include "import/projectfolder.h"
#include "import/yamlfields.h"
#include "import/yamltree.h"

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bulkhead {

/** "a:b:c" → {"a", "b", "c"}; an empty text is one empty part. */
std::vector<std::string> splitOn(const std::string &text, char separator);

/**
 * What the stages of a Compose import (loading, mapping, building) share: the files as messages
 * name them, how a value may be shown, the strict readers of values, and the report. A failure
 * throws the importers' shared ImportFailure, which importCompose() turns into a failed Result:
 * one line naming the file, line and column.
 */
class ComposeInput
{
public:
    ComposeInput(const std::vector<std::string> &files,
                 const std::map<std::string, std::string> &environment)
        : files(files)
        , paths(files.begin(), files.end())
        , variables(environment)
    {}

    /** Throws "FILE:LINE:COLUMN: message" for a node of one of the files. */
    [[noreturn]] void fail(const YamlNode &at, const std::string &message) const;

    const std::string &fileOf(const YamlNode &node) const
    {
        return files[std::size_t(node.fileIndex)];
    }
    /** "FILE:LINE", or the file alone, for the report. */
    std::string where(const YamlNode &node) const;
    /** A path written in a file, as Compose resolves it: from the project folder in the files
     *  given, from its own folder in a file that `extends` pulled in. */
    std::filesystem::path resolvePath(const YamlNode &at, const std::string &written) const
    {
        return baseFolders[std::size_t(at.fileIndex)] / written;
    }

    /** A YAML boolean (true/yes/on, false/no/off in any case). */
    bool readBool(const YamlNode &node, const std::string &what) const;
    const std::string &readText(const YamlNode &node, const std::string &what) const;
    /** The items of a list. */
    const std::vector<YamlNode> &readList(const YamlNode &node, const std::string &what) const;
    /** The scalar items of a text or a list of texts, for callers that show each as written. */
    std::vector<const YamlNode *> readTextItems(const YamlNode &node,
                                                const std::string &what) const;

    /** A scalar's text as the model and report may show it (variables as ${NAME}). */
    std::string shown(const YamlNode &node) const { return variables.shown(node); }
    std::string shown(const YamlNode &node, const std::string &piece) const
    {
        return variables.shown(node, piece);
    }
    std::string quoted(const YamlNode &node, const std::string &piece) const
    {
        return variables.quoted(node, piece);
    }
    std::string quoted(const YamlNode &node) const { return variables.quoted(node, node.scalar); }
    /** A name for messages: as it is, or quoted with where its variables come from. */
    std::string described(const YamlNode &node) const
    {
        return variables.interpolated(node) ? quoted(node) : node.scalar;
    }
    std::string shownName(const std::string &name) const { return variables.shownName(name); }
    std::vector<std::string> shownNames(std::vector<std::string> names) const;

    void flag(const YamlNode &at, const std::string &text)
    {
        report.flagged.push_back({where(at), text});
    }
    void mapped(const YamlNode &at, const std::string &text)
    {
        report.mapped.push_back({where(at), text});
    }
    void skipped(const YamlNode &at, const std::string &text)
    {
        report.skipped.push_back({where(at), text});
    }

    /** The files given, then any that `extends` pulls in (node.fileIndex indexes this), as
     *  messages name them: a path written with a variable keeps its ${NAME}. */
    std::vector<std::string> files;
    /** The same files as they are read: an extended file by its canonical path. */
    std::vector<std::filesystem::path> paths;
    /** Per file, the folder its relative paths start from. */
    std::vector<std::filesystem::path> baseFolders;
    /** How many of `files` were given; the others came from `extends`. */
    std::size_t given = 0;
    ComposeVariables variables;
    std::optional<ProjectFolder> folder;
    ImportReport report;
    /** The element kinds and well-known images the import maps services onto. */
    const Catalog *catalog = &builtInCatalog();
};

} // namespace bulkhead
