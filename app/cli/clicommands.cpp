#include "clicommands.h"
#include "diffcommand.h"
#include "baselinegatecli.h"
#include "pdfreportfile.h"

#include "analysis/analysis.h"
#include "analysis/ruletests.h"
#include "analysis/validator.h"
#include "catalog/catalog.h"
#include "catalog/cataloglint.h"
#include "core/displaytext.h"
#include "core/version.h"
#include "io/modelreader.h"
#include "io/modelwriter.h"
#include "io/textfile.h"
#include "import/composeimporter.h"
#include "import/kubernetesimporter.h"
#include "reimportarguments.h"
#include "layout/graphvizlayoutengine.h"
#include "report/analysisexport.h"
#include "report/catalogexport.h"
#include "report/reportmodel.h"
#include "report/reportwriter.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <set>

#include <unistd.h>

namespace bulkhead::cli {

namespace {

constexpr const char *usageText = R"(Usage: bulkhead-cli COMMAND [OPTIONS]

STRIDE threat modeling for container deployments, headless.

Commands:
  validate MODEL [--format text|json] [--catalog FILE]...
      Check a model for errors (dangling flows, unknown kinds, wrong property
      types, boundary cycles, ...) and warnings (unnamed flows, isolated elements).
  analyze MODEL [--format text|json|csv|sarif] [-o FILE [--force]]
                [--catalog FILE]... [--fail-on low|medium|high|critical]
                [--baseline FILE [--fail-on-new low|medium|high|critical]]
      Find the model's threats and print them with their severity, residual
      severity after implemented mitigations, status and mitigations. With
      --baseline (an older model or an earlier analyze --format json), SARIF
      results say whether each threat is new, unchanged, updated or absent.
  report MODEL -o FILE [--force] [--format html|pdf|md|csv|json|sarif]
              [--catalog FILE]... [--date YYYY-MM-DD] [--page-size A4|Letter]
              [--exclude WHAT]...
      Write a threat report: HTML (one self-contained file with the diagram,
      summary, threat table and defense-in-depth report), PDF (the same, paged,
      the diagram on a landscape page of its own), Markdown, or the analysis as
      CSV, JSON or SARIF. The format defaults to the suffix of FILE (.html/.htm,
      .pdf, .md, .csv, .json, .sarif/.sarif.json).
  import compose FILE... -o MODEL [--force] [--project-directory DIR]
                 [--catalog FILE]...
      Turn Docker Compose files (merged in order, like docker compose -f A -f B;
      ${VAR} interpolated from the environment and .env) into a laid-out threat
      model, and print what was mapped, flagged and skipped. Values of variables
      are never copied: only their names, secret-looking ones flagged. extends,
      env_file and .env are read only inside the project folder: DIR, or the
      folder of the first FILE. --catalog files extend the table of well-known
      images that decides what each service is and which defaults are insecure.
  import k8s FILE|DIR... -o MODEL [--force] [--catalog FILE]...
      Turn Kubernetes manifests (multi-document YAML or JSON; a directory gives
      its *.yaml, *.yml and *.json files) into a laid-out threat model: workloads,
      Services, Ingresses, namespaces, NetworkPolicies, RBAC and Secret use.
  import compose|k8s FILE... --into MODEL -o OUT [--prune] [options above]
      Re-import: merge the files into MODEL, imported from them before. Layout,
      decisions, manual threats, hand-drawn items and values set by hand are
      kept; new items are added near their relatives; items gone from the files
      are listed (+ added, - gone, ~ kept by hand), and removed with --prune.
  diff OLD NEW [--format text|json|md] [--catalog FILE]...
      Compare two models by id (items, properties, register, manual threats) and
      what their analyses say (threats new, resolved, changed). Exit 0 when equal,
      1 when different. diff --textconv MODEL and diff --git-driver: see docs/ci.md.
  layout MODEL -o FILE [--force]
      Arrange the diagram automatically (Graphviz dot, left to right, boundaries
      as nested clusters) and save the result.
  migrate MODEL -o FILE [--force]
      Load a model, migrating an older format, and save it in the current format.
  catalog list [--format text|json] [-o FILE [--force]] [--catalog FILE]...
      Show the catalog: element kinds, threats, mitigations and coverage figures.
  catalog lint FILE...
      Check catalog files on top of the built-in catalog: structure, references
      between entries, every rule's types, mitigations the model can never show,
      properties no rule reads; then run each threat's own test cases.

Options:
  -h, --help       Show this help and exit.
  --version        Show the version and exit.
  --catalog FILE   Load an extra catalog file on top of the built-in one (repeatable).
  --format FORMAT  Output format.
  -o, --output F   Output file (written atomically); standard output otherwise.
                   Symbolic links are kept and their target written; /dev/null
                   and other character devices are written directly; FIFOs,
                   sockets, directories and block devices are refused.
  --force          With -o: replace the output file even if it is read-only.
  --fail-on SEV    With analyze: exit 3 when an open threat's residual severity
                   is SEV or higher.
  --fail-on-new SEV
                   With analyze --baseline: exit 3 when an open threat's
                   residual severity is SEV or higher and it is new since the
                   baseline or got worse (its residual severity rose, or it
                   was decided in the baseline and is open again).
  --date DATE      With report: the date on the cover (default: today, UTC, or
                   the day of SOURCE_DATE_EPOCH when that is set).
  --page-size SIZE With report --format pdf: A4 (default) or Letter.
  --exclude WHAT   With report --format html|pdf|md: leave out mitigated,
                   not-applicable or out-of-scope items (repeatable, or a
                   comma-separated list).
  --project-directory DIR
                   With import compose: the project folder (default: the
                   folder of the first FILE).

Exit status:
  0  success
  1  the model has validation errors (validate, analyze, report);
     catalog lint found problems
  2  usage error, or a file could not be read, parsed or written
  3  analyze --fail-on: an open threat at or above the threshold remains;
     analyze --fail-on-new: such a threat is new or worse since the baseline
  diff: 0 equal, 1 different, 2 error
)";

// Messages quote file names, arguments and file contents: every line printed is shown escaped
// and bounded (core/displaytext.h), so it stays one line that cannot drive the terminal.
int usageError(const std::string &message)
{
    std::cerr << "bulkhead-cli: " << displayLine(message) << " (see bulkhead-cli --help)\n";
    return ExitUsageOrIo;
}

int ioError(const std::string &message)
{
    std::cerr << "bulkhead-cli: " << displayLine(message) << "\n";
    return ExitUsageOrIo;
}

/** The arguments of one command: positional ones and the few options the CLI knows. */
struct Arguments
{
    std::vector<std::string> positional;
    std::optional<std::string> output;
    std::optional<std::string> format;
    std::optional<std::string> failOn;
    std::optional<std::string> baseline;
    std::optional<std::string> failOnNew;
    std::vector<std::filesystem::path> catalogs;
    std::optional<std::string> date;
    std::optional<std::string> pageSize;
    std::vector<std::string> excluded;
    /** Replace a read-only output file. */
    bool force = false;
    std::optional<std::string> projectDirectory;
};

std::optional<Arguments> parseArguments(const std::vector<std::string> &args, std::size_t start,
                                        std::string &error)
{
    Arguments parsed;
    for (std::size_t i = start; i < args.size(); ++i) {
        const std::string &arg = args[i];
        static const std::set<std::string_view> takesValue{
            "-o",           "--output",    "--format",  "--fail-on",           "--catalog",
            "--date",       "--page-size", "--exclude", "--project-directory", "--baseline",
            "--fail-on-new"};
        if (takesValue.count(arg)) {
            if (i + 1 >= args.size()) {
                error = "option " + arg + " needs a value";
                return std::nullopt;
            }
            const std::string &value = args[++i];
            if (arg == "-o" || arg == "--output") {
                parsed.output = value;
            } else if (arg == "--format") {
                parsed.format = value;
            } else if (arg == "--fail-on") {
                parsed.failOn = value;
            } else if (arg == "--baseline") {
                parsed.baseline = value;
            } else if (arg == "--fail-on-new") {
                parsed.failOnNew = value;
            } else if (arg == "--catalog") {
                parsed.catalogs.emplace_back(value);
            } else if (arg == "--date") {
                parsed.date = value;
            } else if (arg == "--page-size") {
                parsed.pageSize = value;
            } else if (arg == "--project-directory") {
                parsed.projectDirectory = value;
            } else { // --exclude: repeatable, or a comma-separated list
                for (std::size_t start = 0; start <= value.size();) {
                    const std::size_t comma = std::min(value.find(',', start), value.size());
                    parsed.excluded.push_back(value.substr(start, comma - start));
                    start = comma + 1;
                }
            }
        } else if (arg == "--force") {
            parsed.force = true;
        } else if (arg.size() > 1 && arg[0] == '-') {
            error = "unknown option " + arg;
            return std::nullopt;
        } else {
            parsed.positional.push_back(arg);
        }
    }
    return parsed;
}

/** The catalog (built-in plus --catalog files) and the one MODEL a command works on. */
struct Inputs
{
    Catalog catalog;
    LoadedModel loaded;
    /** Filled by loadAnalysedInputs(); points into the catalog, so Inputs stay in place. */
    AnalysisResult result;
};

/** Loads both, or says why not on stderr (the caller exits with ExitUsageOrIo). */
std::optional<Inputs> loadInputs(const Arguments &args)
{
    auto catalog = loadCatalogWithExtras(args.catalogs);
    if (!catalog) {
        ioError(catalog.error());
        return std::nullopt;
    }
    auto loaded = readModelFile(args.positional.front());
    if (!loaded) {
        ioError(loaded.error());
        return std::nullopt;
    }
    return Inputs{std::move(*catalog), std::move(*loaded), {}};
}

/** False, with the errors on stderr, when a model is too broken to analyse or arrange. */
bool refuseInvalid(const std::string &file, const std::vector<Diagnostic> &diagnostics)
{
    if (!hasErrors(diagnostics))
        return true;
    for (const Diagnostic &d : diagnostics) {
        if (d.severity == DiagnosticSeverity::Error)
            std::cerr << displayText(file) << ": error: " << displayLine(d.message) << " ["
                      << d.code << "]\n";
    }
    return false;
}

/**
 * The inputs of a command that analyses, loaded into `inputs`, validated and analysed; else the
 * exit code, the reason on stderr.
 */
int loadAnalysedInputs(const Arguments &args, std::optional<Inputs> &inputs)
{
    inputs = loadInputs(args);
    if (!inputs)
        return ExitUsageOrIo;
    if (!refuseInvalid(args.positional.front(),
                       validateModel(inputs->loaded.model, inputs->catalog)))
        return ExitModelErrors;
    inputs->result = analyzeModel(inputs->loaded.model, inputs->catalog);
    return ExitOk;
}

int validateCommand(const Arguments &args)
{
    if (args.positional.size() != 1)
        return usageError("validate takes exactly one MODEL file");
    const std::string format = args.format.value_or("text");
    if (format != "text" && format != "json")
        return usageError("validate --format must be text or json");
    const std::optional<Inputs> inputs = loadInputs(args);
    if (!inputs)
        return ExitUsageOrIo;
    const std::string &file = args.positional.front();

    const auto diagnostics = validateModel(inputs->loaded.model, inputs->catalog);
    std::size_t errors = 0;
    for (const Diagnostic &d : diagnostics)
        errors += d.severity == DiagnosticSeverity::Error ? 1 : 0;
    const std::size_t warnings = diagnostics.size() - errors;

    if (format == "json") {
        nlohmann::ordered_json out{{"file", file}, {"errors", errors}, {"warnings", warnings}};
        out["diagnostics"] = nlohmann::ordered_json::array();
        for (const Diagnostic &d : diagnostics) {
            out["diagnostics"].push_back({{"severity", diagnosticSeverityKey(d.severity)},
                                          {"code", d.code},
                                          {"subject", d.subject},
                                          {"message", d.message}});
        }
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
        for (const Diagnostic &d : diagnostics) {
            std::cout << displayText(file) << ": " << diagnosticSeverityKey(d.severity) << ": "
                      << displayLine(d.message) << " [" << d.code << "]\n";
        }
        std::cout << displayText(file) << ": " << errors << (errors == 1 ? " error, " : " errors, ")
                  << warnings << (warnings == 1 ? " warning\n" : " warnings\n");
    }
    return errors ? ExitModelErrors : ExitOk;
}

/** How the command's -o file is written: a read-only one is replaced only with --force. */
SaveOptions outputOptions(const Arguments &args)
{
    SaveOptions options;
    options.replaceReadOnly = args.force;
    options.readOnlyAdvice = "give --force to replace it";
    return options;
}

/** A usage message when --force is given without a file for it to apply to, else empty. */
std::string forceWithoutOutput(const Arguments &args)
{
    return args.force && !args.output ? "--force applies to the -o FILE a command writes"
                                      : std::string();
}

/**
 * The options of a command other than import, from args[start] on, checked against misuse that
 * any of them can make: into `parsed`, or a usage error's exit code.
 */
int parseCommandArguments(const std::vector<std::string> &args, std::size_t start, bool isReport,
                          std::optional<Arguments> &parsed)
{
    std::string error;
    parsed = parseArguments(args, start, error);
    if (!parsed)
        return usageError(error);
    if (!isReport && (parsed->date || parsed->pageSize || !parsed->excluded.empty()))
        return usageError("--date, --page-size and --exclude are options of report");
    if (const std::string misuse = forceWithoutOutput(*parsed); !misuse.empty())
        return usageError(misuse);
    if (parsed->projectDirectory)
        return usageError("--project-directory is an option of import compose");
    if ((parsed->baseline || parsed->failOnNew) && args.front() != "analyze")
        return usageError("--baseline and --fail-on-new are options of analyze");
    return ExitOk;
}

/** Streams the command's output to its -o file, atomically, or to standard output. */
int writeOutput(const Arguments &args, const std::function<void(std::ostream &)> &write)
{
    if (!args.output) {
        write(std::cout);
        std::cout.flush();
        return ExitOk;
    }
    AtomicFileWriter writer(*args.output, outputOptions(args));
    if (writer.ok())
        write(writer.stream());
    if (const Status saved = writer.commit(); !saved)
        return ioError(saved.error());
    return ExitOk;
}

/** The model saved to the command's -o file. */
Status saveModel(const ThreatModel &model, const Arguments &args)
{
    return writeFileAtomically(*args.output, writeModelText(model), outputOptions(args));
}

int analyzeCommand(const Arguments &args)
{
    if (args.positional.size() != 1)
        return usageError("analyze takes exactly one MODEL file");
    const std::string format = args.format.value_or("text");
    if (format != "text" && format != "json" && format != "csv" && format != "sarif")
        return usageError("analyze --format must be text, json, csv or sarif");
    std::optional<Severity> threshold;
    if (args.failOn) {
        threshold = severityFromKey(*args.failOn);
        if (!threshold)
            return usageError("--fail-on must be low, medium, high or critical");
    }
    std::optional<Severity> newThreshold;
    if (args.failOnNew) {
        newThreshold = severityFromKey(*args.failOnNew);
        if (!newThreshold)
            return usageError("--fail-on-new must be low, medium, high or critical");
        if (!args.baseline)
            return usageError("--fail-on-new needs --baseline FILE to tell what is new");
    }
    std::optional<Inputs> inputs;
    if (const int loaded = loadAnalysedInputs(args, inputs); loaded != ExitOk)
        return loaded;
    const ThreatModel &model = inputs->loaded.model;
    const AnalysisResult &result = inputs->result;
    std::optional<std::vector<ThreatChange>> baseline;
    if (args.baseline) {
        auto changes = compareWithBaseline(*args.baseline, inputs->catalog, result);
        if (!changes)
            return ioError(changes.error());
        baseline = std::move(*changes);
    }
    // Streamed: the output of a large model need not fit in memory.
    const int written = writeOutput(args, [&](std::ostream &out) {
        if (format == "json")
            writeAnalysisJson(out, result, model, inputs->catalog);
        else if (format == "csv")
            writeAnalysisCsv(out, result, model, inputs->catalog);
        else if (format == "sarif")
            writeAnalysisSarif(out, result, model, inputs->catalog, args.positional.front(),
                               baseline ? &*baseline : nullptr);
        else
            writeAnalysisText(out, result, model);
    });
    if (written != ExitOk)
        return written;

    int status = ExitOk;
    if (threshold) {
        for (const Threat &threat : result.threats) {
            if (threat.isOpen() && threat.residualSeverity >= *threshold)
                status = ExitThreatsAboveThreshold;
        }
    }
    if (newThreshold && baselineGateFails(*baseline, *newThreshold, *args.baseline))
        status = ExitThreatsAboveThreshold;
    return status;
}

/** Today (UTC) as YYYY-MM-DD, or the day of SOURCE_DATE_EPOCH for reproducible builds. */
std::string reportDate()
{
    std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    if (const char *epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        char *end = nullptr;
        const long long seconds = std::strtoll(epoch, &end, 10);
        if (end && *end == '\0' && seconds >= 0)
            now = static_cast<std::time_t>(seconds);
    }
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &utc);
    return buffer;
}

/** A calendar date written YYYY-MM-DD. */
bool isIsoDate(const std::string &text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(text[i])))
            return false;
    const std::chrono::year_month_day day{
        std::chrono::year(std::stoi(text.substr(0, 4))),
        std::chrono::month(unsigned(std::stoi(text.substr(5, 2)))),
        std::chrono::day(unsigned(std::stoi(text.substr(8, 2))))};
    return day.ok();
}

/** The report options given on the command line, or a usage message. */
std::optional<ReportOptions> reportOptions(const Arguments &args, ReportFormat format,
                                           std::string &error)
{
    ReportOptions options;
    const bool paged = isDocumentReport(format);
    if (!args.excluded.empty() && !paged) {
        error = "--exclude applies to html, pdf and md reports; csv, json and sarif hold the whole "
                "analysis";
        return std::nullopt;
    }
    for (const std::string &what : args.excluded) {
        if (what == "mitigated") {
            options.includeMitigated = false;
        } else if (what == "not-applicable") {
            options.includeNotApplicable = false;
        } else if (what == "out-of-scope") {
            options.includeOutOfScope = false;
        } else {
            error = "--exclude takes mitigated, not-applicable or out-of-scope, not \"" + what
                    + "\"";
            return std::nullopt;
        }
    }
    if (args.pageSize) {
        if (format != ReportFormat::Pdf) {
            error = "--page-size applies to pdf reports only";
            return std::nullopt;
        }
        if (*args.pageSize != "A4" && *args.pageSize != "Letter") {
            error = "--page-size must be A4 or Letter";
            return std::nullopt;
        }
        options.pageSize = *args.pageSize;
    }
    if (args.date && !isIsoDate(*args.date)) {
        error = "--date must be a calendar date written YYYY-MM-DD, not \"" + *args.date + "\"";
        return std::nullopt;
    }
    return options;
}

/** The report's format: --format, else the output file's suffix; or a usage message. */
std::optional<ReportFormat> reportFormat(const Arguments &args, std::string &error)
{
    const std::string key = args.format.value_or(std::string());
    const auto format = key.empty() ? reportFormatFromSuffix(*args.output)
                                    : reportFormatFromKey(key);
    if (!format && key.empty())
        error = "cannot tell the report format from \"" + *args.output
                + "\"; give --format html|pdf|md|csv|json|sarif";
    else if (!format)
        error = "report --format must be html, pdf, md, csv, json or sarif";
    return format;
}

int reportCommand(const Arguments &args)
{
    if (args.positional.size() != 1)
        return usageError("report takes exactly one MODEL file");
    if (!args.output)
        return usageError("report needs -o FILE");
    if (args.failOn || args.baseline || args.failOnNew)
        return usageError("--fail-on, --baseline and --fail-on-new are options of analyze");
    std::string usage;
    const std::optional<ReportFormat> format = reportFormat(args, usage);
    if (!format)
        return usageError(usage);
    const std::optional<ReportOptions> options = reportOptions(args, *format, usage);
    if (!options)
        return usageError(usage);
    std::optional<Inputs> inputs;
    if (const int loaded = loadAnalysedInputs(args, inputs); loaded != ExitOk)
        return loaded;
    const ReportRequest request{*format, *options, args.date.value_or(reportDate()),
                                args.positional.front()};
    if (const Status written = writeReport(*args.output, request, inputs->loaded.model,
                                           inputs->catalog, inputs->result, outputOptions(args),
                                           writeHeadlessPdfReport);
        !written)
        return ioError(written.error());
    return ExitOk;
}

int catalogListCommand(const Arguments &args)
{
    if (!args.positional.empty())
        return usageError("catalog list takes no files; use --catalog FILE");
    const std::string format = args.format.value_or("text");
    if (format != "text" && format != "json")
        return usageError("catalog list --format must be text or json");
    const auto catalog = loadCatalogWithExtras(args.catalogs);
    if (!catalog)
        return ioError(catalog.error());
    return writeOutput(args, [&](std::ostream &out) {
        out << (format == "json" ? catalogToJson(*catalog) : catalogToText(*catalog));
    });
}

/**
 * Prints the problems of catalogLint (mitigations without evidence, unread properties, image
 * repositories listed twice) in the
 * files being linted; the built-in entries they override or extend are the others' business.
 */
std::size_t reportLintProblems(const Catalog &catalog, const std::vector<std::string> &files)
{
    std::vector<LintProblem> problems = mitigationsWithoutEvidence(catalog);
    for (LintProblem &problem : unreadProperties(catalog))
        problems.push_back(std::move(problem));
    for (LintProblem &problem : shadowedImageRepositories(catalog))
        problems.push_back(std::move(problem));
    std::size_t reported = 0;
    for (const LintProblem &problem : problems) {
        if (std::find(files.begin(), files.end(), problem.sourceFile) == files.end())
            continue;
        ++reported;
        std::cout << displayLine(problem.line()) << "\n";
    }
    return reported;
}

int catalogLintCommand(const Arguments &args)
{
    if (args.positional.empty())
        return usageError("catalog lint needs at least one FILE");
    if (args.format || args.output || args.force || !args.catalogs.empty())
        return usageError("catalog lint takes only files");
    std::vector<std::filesystem::path> files;
    for (const std::string &file : args.positional) {
        // Unreadable files are I/O errors (exit 2), not catalog problems (exit 1).
        if (const auto text = readTextFile(file); !text)
            return ioError(text.error());
        files.emplace_back(file);
    }
    const CatalogLoad load = loadCatalog(files);
    for (const std::string &error : load.errors)
        std::cout << displayLine(error) << "\n";
    if (!load.catalog) {
        std::cout << load.errors.size() << (load.errors.size() == 1 ? " problem\n" : " problems\n");
        return ExitModelErrors;
    }
    std::size_t threats = 0;
    std::size_t cases = 0;
    std::size_t failures = reportLintProblems(*load.catalog, args.positional);
    for (const ThreatRule &threat : load.catalog->threats()) {
        if (std::find(args.positional.begin(), args.positional.end(), threat.sourceFile)
            == args.positional.end())
            continue;
        ++threats;
        const auto results = runRuleTests(*load.catalog, threat);
        bool hasFires = false;
        bool hasQuiet = false;
        for (const RuleTestResult &r : results) {
            ++cases;
            hasFires = hasFires || r.expected == "fires" || r.expected == "confirm";
            hasQuiet = hasQuiet || r.expected == "quiet";
            if (!r.passed) {
                ++failures;
                std::cout << displayLine(threat.sourceFile + ": threat " + threat.id + ": test \""
                                         + r.caseName + "\": " + r.failure)
                          << "\n";
            }
        }
        // Loading defaults it for older extra catalogs; a catalog being linted must decide.
        if (!threat.reachabilityDeclared) {
            ++failures;
            std::cout << displayLine(threat.sourceFile + ": threat " + threat.id)
                      << ": reachability: say whether reachability from the internet raises "
                         "its likelihood (raises-likelihood or irrelevant)\n";
        }
        if (!hasFires || !hasQuiet) {
            ++failures;
            std::cout << displayLine(threat.sourceFile + ": threat " + threat.id)
                      << ": tests: needs at least one case that fires and one that stays quiet\n";
        }
    }
    if (failures) {
        std::cout << failures << (failures == 1 ? " problem\n" : " problems\n");
        return ExitModelErrors;
    }
    std::cout << threats << " threats checked, " << cases << " test cases passed\n";
    return ExitOk;
}

int catalogCommand(const std::vector<std::string> &args)
{
    if (args.size() < 2)
        return usageError("catalog needs a subcommand: list or lint");
    if (args[1] == "--help" || args[1] == "-h") {
        std::cout << usageText;
        return ExitOk;
    }
    std::optional<Arguments> parsed;
    if (const int misuse = parseCommandArguments(args, 2, false, parsed); misuse != ExitOk)
        return misuse;
    if (args[1] == "list")
        return catalogListCommand(*parsed);
    if (args[1] == "lint")
        return catalogLintCommand(*parsed);
    return usageError("unknown catalog subcommand \"" + args[1] + "\"");
}

int layoutCommand(const Arguments &args, LayoutEngine &engine)
{
    if (args.positional.size() != 1)
        return usageError("layout takes exactly one MODEL file");
    if (!args.output)
        return usageError("layout needs -o FILE");
    const std::string &file = args.positional.front();
    auto loaded = readModelFile(file);
    if (!loaded)
        return ioError(loaded.error());
    if (!refuseInvalid(file, validateModel(loaded->model, builtInCatalog())))
        return ExitModelErrors;
    const auto arranged = engine.layout(loaded->model);
    if (!arranged)
        return ioError(file + ": " + arranged.error());
    applyLayout(loaded->model, *arranged);
    if (const Status saved = saveModel(loaded->model, args); !saved)
        return ioError(saved.error());
    return ExitOk;
}

/** The process environment, for ${VAR} interpolation in Compose files. */
std::map<std::string, std::string> processEnvironment()
{
    std::map<std::string, std::string> variables;
    for (char **entry = environ; entry && *entry; ++entry) {
        const std::string_view text(*entry);
        const auto equals = text.find('=');
        if (equals != std::string_view::npos)
            variables.emplace(std::string(text.substr(0, equals)),
                              std::string(text.substr(equals + 1)));
    }
    return variables;
}

int importCommand(std::vector<std::string> args, LayoutEngine &engine)
{
    if (args.size() < 2)
        return usageError("import needs a source: compose or k8s");
    std::string error;
    const auto reimport = takeReimportArguments(args, 2, error);
    if (!reimport)
        return usageError(error);
    const auto parsed = parseArguments(args, 2, error);
    if (!parsed)
        return usageError(error);
    if (parsed->format || parsed->failOn || parsed->baseline || parsed->failOnNew || parsed->date
        || parsed->pageSize || !parsed->excluded.empty())
        return usageError("import takes only files, -o MODEL, --catalog FILE and, for compose, "
                          "--project-directory DIR");
    if (parsed->projectDirectory && args[1] != "compose")
        return usageError("--project-directory is an option of import compose");
    if (parsed->positional.empty())
        return usageError("import " + args[1] + " needs at least one FILE");
    if (!parsed->output)
        return usageError("import needs -o MODEL");
    if (args[1] != "compose" && args[1] != "k8s" && args[1] != "kubernetes")
        return usageError("unknown import source \"" + args[1] + "\"; use compose or k8s");
    // The catalog's well-known images decide what each service is.
    const auto catalog = loadCatalogWithExtras(parsed->catalogs);
    if (!catalog)
        return ioError(catalog.error());
    Result<ImportResult> imported = Result<ImportResult>::failure("");
    if (args[1] == "compose")
        imported = importCompose(
            parsed->positional, processEnvironment(),
            ComposeImportOptions{parsed->projectDirectory.value_or(std::string()), &*catalog});
    else
        imported = importKubernetes(parsed->positional, *catalog);
    if (!imported)
        return ioError(imported.error());
    finishImport(*imported, *catalog, engine);
    recordImportedFiles(imported->model.importRecord(), parsed->positional, *parsed->output);
    std::string drift;
    if (reimport->into) {
        auto merged = reimportIntoFile(*reimport->into, imported->model, *reimport);
        if (!merged)
            return ioError(merged.error());
        imported->model = std::move(merged->model);
        drift = formatReimportReport(merged->report);
    }
    if (const Status saved = saveModel(imported->model, *parsed); !saved)
        return ioError(saved.error());
    std::cout << formatImportReport(imported->report) << drift;
    std::cout << "Wrote " << displayText(*parsed->output) << ": "
              << imported->model.elements().size() << " elements, "
              << imported->model.boundaries().size() << " boundaries, "
              << imported->model.flows().size() << " flows\n";
    const bool invalid = std::any_of(
        imported->report.validation.begin(), imported->report.validation.end(),
        [](const std::string &line) { return line.rfind("error:", 0) == 0; });
    return invalid ? ExitModelErrors : ExitOk;
}

int migrateCommand(const Arguments &args)
{
    if (args.positional.size() != 1)
        return usageError("migrate takes exactly one MODEL file");
    if (!args.output)
        return usageError("migrate needs -o FILE");
    if (args.format)
        return usageError("migrate does not take --format");
    const auto loaded = readModelFile(args.positional.front());
    if (!loaded)
        return ioError(loaded.error());
    if (const Status saved = saveModel(loaded->model, args); !saved)
        return ioError(saved.error());
    for (const std::string &note : loaded->migrationNotes)
        std::cout << args.positional.front() << ": migrated " << note << "\n";
    return ExitOk;
}

/**
 * Sends std::cout through a buffer that remembers a failed write, so that output lost to a
 * full disk, /dev/full or a closed descriptor is an error (exit 2), never a silent success.
 */
class CheckedStandardOutput
{
public:
    CheckedStandardOutput()
        : m_previous(std::cout.rdbuf(&m_buffer))
    {}
    ~CheckedStandardOutput() { std::cout.rdbuf(m_previous); }
    CheckedStandardOutput(const CheckedStandardOutput &) = delete;
    CheckedStandardOutput &operator=(const CheckedStandardOutput &) = delete;

    /** The command's exit status, or ExitUsageOrIo with one line on stderr if output was lost. */
    int finish(int status)
    {
        if (m_buffer.flushBuffer() && std::cout)
            return status;
        if (status == ExitUsageOrIo)
            return status; // the command has already said what went wrong
        return ioError(std::string("standard output: cannot write: ")
                       + std::strerror(m_buffer.error() ? m_buffer.error() : EIO));
    }

private:
    FileDescriptorBuffer m_buffer{STDOUT_FILENO};
    std::streambuf *m_previous;
};

int runCommand(const std::vector<std::string> &args)
{
    if (args.empty())
        return usageError("no command given");
    const std::string &command = args.front();
    if (command == "-h" || command == "--help" || command == "help") {
        std::cout << usageText;
        return ExitOk;
    }
    if (command == "--version") {
        std::cout << "bulkhead-cli " << bulkheadVersion << "\n";
        return ExitOk;
    }
    if (command == "catalog")
        return catalogCommand(args);
    if (command == "diff")
        return diffCommand(args);
    if (command == "import") {
        GraphvizLayoutEngine engine;
        return importCommand(args, engine);
    }
    std::optional<Arguments> parsed;
    if (const int misuse = parseCommandArguments(args, 1, command == "report", parsed);
        misuse != ExitOk)
        return misuse;
    if (command == "validate")
        return validateCommand(*parsed);
    if (command == "migrate")
        return migrateCommand(*parsed);
    if (command == "analyze")
        return analyzeCommand(*parsed);
    if (command == "layout") {
        GraphvizLayoutEngine engine;
        return layoutCommand(*parsed, engine);
    }
    if (command == "report")
        return reportCommand(*parsed);
    return usageError("unknown command \"" + command + "\"");
}

} // namespace

int run(const std::vector<std::string> &args)
{
    CheckedStandardOutput output;
    return output.finish(runCommand(args));
}

} // namespace bulkhead::cli
