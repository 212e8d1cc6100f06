#pragma once

#include "core/result.h"

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace bulkhead {

struct YamlNode;

/**
 * An env file as Compose reads it: NAME=VALUE or NAME: VALUE lines, "export " prefixes, comments,
 * values in single or double quotes that may run over several lines, inline " #" comments
 * after unquoted values; the last of a repeated name wins. Lines that do not start with a
 * valid name are skipped and never echoed: they may be the middle of a secret.
 */
std::vector<std::pair<std::string, std::string>> parseEnvFile(const std::string &text);

/** A Compose value after interpolation, and the form in which the import may show it. */
struct InterpolatedText
{
    /** What Compose would use: the variables' values substituted. Never shown. */
    std::string value;
    /** The value with every variable from the environment or the .env file written as ${NAME}:
     *  text from the file itself (defaults, alternatives) is kept, no variable's value is. */
    std::string shown;
    /** The variables whose values went into `value`, in first-use order. */
    std::vector<std::string> variables;
};

/**
 * `${VAR}` interpolation as Compose does it: from the environment, then from the project's
 * `.env` file. `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`,
 * `${VAR:+alternative}`, `${VAR+alternative}` and `$VAR`; `$$` is a literal dollar.
 *
 * It remembers every scalar a variable's value went into, so that the importer can show that
 * scalar as written — `${NAME}` in place of the value — in the model, the report and errors.
 * A value is used for decisions (is the port a number, is the path sensitive), never shown.
 */
class ComposeVariables
{
public:
    explicit ComposeVariables(const std::map<std::string, std::string> &environment)
        : m_environment(environment)
    {}

    /** Variables from the project's .env file; the environment still wins over them. */
    void setDotEnv(const std::vector<std::pair<std::string, std::string>> &variables);

    /** The expanded text, or an error that names variables but never quotes a value. */
    Result<InterpolatedText> expand(const std::string &text);

    /** Interpolates every scalar of a document read from `file` (node.fileIndex set). */
    Status interpolate(YamlNode &node, const std::string &file);

    /** Variables used without a value or a default: they became empty strings. */
    const std::set<std::string> &unset() const { return m_unset; }

    /** Whether a variable's value went into this scalar. */
    bool interpolated(const YamlNode &node) const;
    /** Whether a variable from the environment bulkhead runs in (not the project's .env file)
     *  went into this scalar: its value is then not written in the project's files. */
    bool fromEnvironment(const YamlNode &node) const;

    /**
     * `piece` of a scalar's text as the model and report may show it: `piece` itself when no
     * variable's value went into the scalar, else the whole scalar as written.
     */
    std::string shown(const YamlNode &node, const std::string &piece) const;
    std::string shown(const YamlNode &node) const;

    /**
     * For error messages: `"piece"`, or the scalar as written followed by where its variables
     * come from ("(AWS_SECRET_ACCESS_KEY from the environment; its value is not shown)").
     */
    std::string quoted(const YamlNode &node, const std::string &piece) const;

    /**
     * Remembers how to show `name` (a network, a dependency, a volume… read out of `node`), when
     * a variable's value went into it: `shownAs`, or else the whole scalar as written.
     */
    void rememberName(const YamlNode &node, const std::string &name,
                      const std::string &shownAs = {});
    /** A name as the model and report may show it (see rememberName). */
    std::string shownName(const std::string &name) const;

private:
    using Position = std::tuple<int, int, int>; ///< file index, line, column
    static Position positionOf(const YamlNode &node);
    const InterpolatedText *find(const YamlNode &node) const;
    /** The value of a variable as Compose sees it, or nullptr when it is not set. */
    const std::string *lookup(const std::string &name) const;
    bool expandInto(const std::string &text, InterpolatedText &out, int depth, std::string &error);
    std::string sourceOf(const std::string &name) const;

    const std::map<std::string, std::string> &m_environment;
    std::map<std::string, std::string> m_dotEnv;
    std::set<std::string> m_unset;
    /** The scalars a value went into, by position (merging copies nodes; positions stay). Their
     *  `value` is dropped: only what may be shown is kept. */
    std::map<Position, InterpolatedText> m_interpolated;
    std::map<std::string, std::string> m_shownNames;
};

} // namespace bulkhead
