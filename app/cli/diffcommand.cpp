#include "diffcommand.h"

#include "analysis/analysis.h"
#include "analysis/validator.h"
#include "catalog/catalog.h"
#include "core/displaytext.h"
#include "diff/diffreport.h"
#include "diff/modeltext.h"
#include "io/modelreader.h"

#include <filesystem>
#include <iostream>
#include <optional>

namespace bulkhead::cli {

namespace {

constexpr int diffEqual = 0;
constexpr int diffDifferent = 1;
constexpr int diffError = 2;

/** What git passes for the missing side of an added or deleted file. */
constexpr std::string_view noFile = "/dev/null";

int diffFailure(const std::string &message)
{
    std::cerr << "bulkhead-cli: " << displayLine(message) << "\n";
    return diffError;
}

int diffUsage(const std::string &message)
{
    return diffFailure(message + " (see bulkhead-cli --help)");
}

struct DiffArguments
{
    std::vector<std::string> positional;
    std::string format = "text";
    std::vector<std::filesystem::path> catalogs;
    bool textconv = false;
    bool gitDriver = false;
};

std::optional<DiffArguments> parseDiffArguments(const std::vector<std::string> &args,
                                                std::string &error)
{
    DiffArguments parsed;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (arg == "--format" || arg == "--catalog") {
            if (i + 1 >= args.size()) {
                error = "option " + arg + " needs a value";
                return std::nullopt;
            }
            if (arg == "--format")
                parsed.format = args[++i];
            else
                parsed.catalogs.emplace_back(args[++i]);
        } else if (arg == "--textconv") {
            parsed.textconv = true;
        } else if (arg == "--git-driver") {
            parsed.gitDriver = true;
        } else if (arg.size() > 1 && arg[0] == '-' && !(parsed.gitDriver && i > 1)) {
            error = "unknown option " + arg;
            return std::nullopt;
        } else {
            parsed.positional.push_back(arg);
        }
    }
    return parsed;
}

/** One side of the comparison: the model in `file` (git's /dev/null: an empty one). */
std::optional<ThreatModel> loadSide(const std::string &file)
{
    if (file == noFile)
        return ThreatModel{};
    auto loaded = readModelFile(file);
    if (!loaded) {
        diffFailure(loaded.error());
        return std::nullopt;
    }
    return std::move(loaded->model);
}

/** The first validation error of a model, or empty when it can be analysed. */
std::string firstError(const ThreatModel &model, const Catalog &catalog)
{
    for (const Diagnostic &d : validateModel(model, catalog)) {
        if (d.severity == DiagnosticSeverity::Error)
            return d.message + " [" + d.code + "]";
    }
    return {};
}

/**
 * The report of OLD against NEW, or nothing when either side failed (said on stderr). A model
 * with validation errors cannot be analysed: an error, unless `threatsOptional`, when the report
 * compares the models alone and says why the threats were left out.
 */
std::optional<DiffReport> compareFiles(const std::string &oldFile, const std::string &newFile,
                                       const std::vector<std::filesystem::path> &catalogs,
                                       bool threatsOptional)
{
    const auto catalog = loadCatalogWithExtras(catalogs);
    if (!catalog) {
        diffFailure(catalog.error());
        return std::nullopt;
    }
    const std::optional<ThreatModel> oldModel = loadSide(oldFile);
    if (!oldModel)
        return std::nullopt;
    const std::optional<ThreatModel> newModel = loadSide(newFile);
    if (!newModel)
        return std::nullopt;
    DiffReport report{oldFile, newFile, diffModels(*oldModel, *newModel), {}, ""};
    for (const auto &[file, model] : {std::pair{&oldFile, &*oldModel}, {&newFile, &*newModel}}) {
        if (const std::string error = firstError(*model, *catalog); !error.empty()) {
            report.threatsNotCompared = *file + " has errors, first: " + error;
            if (!threatsOptional) {
                diffFailure(
                    *file + ": cannot compare its threats: the model has errors, first: " + error);
                return std::nullopt;
            }
            return report;
        }
    }
    report.threats = compareThreats(snapshotThreats(analyzeModel(*oldModel, *catalog)),
                                    snapshotThreats(analyzeModel(*newModel, *catalog)));
    return report;
}

int textconv(const DiffArguments &args)
{
    if (args.positional.size() != 1)
        return diffUsage("diff --textconv takes exactly one MODEL file");
    const std::optional<ThreatModel> model = loadSide(args.positional.front());
    if (!model)
        return diffError;
    std::cout << canonicalModelText(*model);
    return diffEqual;
}

/**
 * git's external diff: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE, or PATH alone
 * for an unmerged path. Git stops at a driver that exits non-zero, so a difference exits 0.
 */
int gitDriver(const DiffArguments &args)
{
    if (args.positional.size() == 1) {
        std::cout << "* Unmerged path " << displayText(args.positional.front()) << "\n";
        return diffEqual;
    }
    if (args.positional.size() != 7)
        return diffUsage("diff --git-driver takes the 7 arguments git gives an external diff");
    const std::string &path = args.positional[0];
    // A model being edited may not validate yet; git should still show how it changed.
    std::optional<DiffReport> report = compareFiles(args.positional[1], args.positional[4],
                                                    args.catalogs, true);
    if (!report)
        return diffError;
    report->oldName = args.positional[1] == noFile ? std::string(noFile) : "a/" + path;
    report->newName = args.positional[4] == noFile ? std::string(noFile) : "b/" + path;
    std::cout << "bulkhead diff a/" << displayText(path) << " b/" << displayText(path) << "\n";
    writeDiffText(std::cout, *report);
    return diffEqual;
}

} // namespace

int diffCommand(const std::vector<std::string> &args)
{
    std::string error;
    const std::optional<DiffArguments> parsed = parseDiffArguments(args, error);
    if (!parsed)
        return diffUsage(error);
    if (parsed->textconv && parsed->gitDriver)
        return diffUsage("diff takes --textconv or --git-driver, not both");
    if (parsed->format != "text" && parsed->format != "json" && parsed->format != "md")
        return diffUsage("diff --format must be text, json or md");
    if (parsed->textconv)
        return textconv(*parsed);
    if (parsed->gitDriver)
        return gitDriver(*parsed);
    if (parsed->positional.size() != 2)
        return diffUsage("diff takes exactly two MODEL files: OLD NEW");
    const std::optional<DiffReport> report = compareFiles(
        parsed->positional[0], parsed->positional[1], parsed->catalogs, false);
    if (!report)
        return diffError;
    if (parsed->format == "json")
        writeDiffJson(std::cout, *report);
    else if (parsed->format == "md")
        writeDiffMarkdown(std::cout, *report);
    else
        writeDiffText(std::cout, *report);
    return report->hasChanges() ? diffDifferent : diffEqual;
}

} // namespace bulkhead::cli
