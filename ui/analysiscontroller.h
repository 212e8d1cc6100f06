#pragma once

#include "analysis/analysis.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QTimer;

namespace bulkhead {

class Document;

/**
 * Keeps the analysis of the open document current: re-analyses shortly after edits (batched,
 * so typing and dragging never wait on it) and announces the new result. Views read the
 * result from here; they never run the analysis themselves.
 */
class AnalysisController : public QObject
{
    Q_OBJECT

public:
    explicit AnalysisController(Document *document, QObject *parent = nullptr);
    ~AnalysisController() override;

    Document *document() const { return m_document; }
    const AnalysisResult &result() const { return m_result; }
    /** Explains threats of the current result (valid until the next update). */
    const ThreatExplainer &explainer() const { return *m_explainer; }

    /** Analyse now instead of waiting for the batch timer (tests, Analysis → Re-run). */
    void analyzeNow();
    /**
     * Analyses now if an edit is still waiting for its batch. Call before reading threats in
     * response to the user (not from painting): a result older than the model may point at
     * elements that are gone.
     */
    void ensureCurrent();
    /** Delay between an edit and the re-analysis; 0 analyses on the next event-loop pass. */
    void setDelay(int milliseconds);
    int delay() const;

    /** Open threats per subject id, and the worst open residual severity among them. */
    int openThreatCount(const QString &subjectId) const;
    std::optional<Severity> worstOpenSeverity(const QString &subjectId) const;
    /** Threats of one subject, in result order. */
    QList<const Threat *> threatsOf(const QString &subjectId) const;

Q_SIGNALS:
    /** A new result is in; every pointer into the previous one is invalid. */
    void analysisUpdated();

private:
    Document *m_document;
    QTimer *m_timer;
    AnalysisResult m_result;
    std::unique_ptr<ThreatExplainer> m_explainer;
    QHash<QString, QList<int>> m_bySubject;
};

} // namespace bulkhead
