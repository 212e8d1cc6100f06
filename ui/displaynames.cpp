#include "displaynames.h"

#include <QCoreApplication>

#include <array>

namespace bulkhead {

namespace {

constexpr const char *context = "DisplayNames";

// The same English texts as core/displaynames.cpp, spelled out so that lupdate sees them;
// tst_displaynames checks that the two stay equal.
constexpr std::array<const char *, 4> severityTexts{
    QT_TRANSLATE_NOOP("DisplayNames", "Low"), QT_TRANSLATE_NOOP("DisplayNames", "Medium"),
    QT_TRANSLATE_NOOP("DisplayNames", "High"), QT_TRANSLATE_NOOP("DisplayNames", "Critical")};

constexpr std::array<const char *, 6> statusTexts{
    QT_TRANSLATE_NOOP("DisplayNames", "Open"),
    QT_TRANSLATE_NOOP("DisplayNames", "Needs investigation"),
    QT_TRANSLATE_NOOP("DisplayNames", "Mitigated"),
    QT_TRANSLATE_NOOP("DisplayNames", "Accepted"),
    QT_TRANSLATE_NOOP("DisplayNames", "Transferred"),
    QT_TRANSLATE_NOOP("DisplayNames", "Not applicable")};

constexpr std::array<const char *, 6> strideTexts{
    QT_TRANSLATE_NOOP("DisplayNames", "Spoofing"),
    QT_TRANSLATE_NOOP("DisplayNames", "Tampering"),
    QT_TRANSLATE_NOOP("DisplayNames", "Repudiation"),
    QT_TRANSLATE_NOOP("DisplayNames", "Information disclosure"),
    QT_TRANSLATE_NOOP("DisplayNames", "Denial of service"),
    QT_TRANSLATE_NOOP("DisplayNames", "Elevation of privilege")};

template<std::size_t N>
QString translated(const std::array<const char *, N> &texts, std::size_t index)
{
    return index < N ? QCoreApplication::translate(context, texts[index]) : QString();
}

} // namespace

QString severityName(Severity severity)
{
    return translated(severityTexts, static_cast<std::size_t>(severity));
}

QString severityName(Severity severity, bool upTo)
{
    return upTo ? QCoreApplication::translate(context, "up to %1").arg(severityName(severity))
                : severityName(severity);
}

QString threatStatusName(ThreatStatus status)
{
    return translated(statusTexts, static_cast<std::size_t>(status));
}

QString strideName(std::size_t index)
{
    return translated(strideTexts, index);
}

QString strideNameOfLetter(QChar letter)
{
    const qsizetype index = QStringLiteral("STRIDE").indexOf(letter.toUpper());
    return index < 0 ? QString() : strideName(static_cast<std::size_t>(index));
}

} // namespace bulkhead
