#pragma once

#include "changemarks.h"
#include "core/threatmodel.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace bulkhead {

class AnalysisController;
class Catalog;
struct DiffReport;
struct ThreatSnapshot;

/**
 * Compares the open model with another model file (an older version) and keeps the
 * comparison current while the user edits: the model layer's diffModels and compareThreats,
 * redone after each burst of changes and each new analysis (queueRefresh). Views read
 * report(), or canvasMarks() for the scene.
 *
 * This header names neither Document nor the diff's types, whose ItemChange names clash, so
 * that code on either side can include it.
 */
class ComparisonController : public QObject
{
    Q_OBJECT

public:
    /** What the controller reads of the open document, when it needs it. */
    struct Current
    {
        std::function<const ThreatModel &()> model;
        std::function<const Catalog &()> catalog;
    };

    ComparisonController(Current current, AnalysisController *analysis, QObject *parent = nullptr);
    ~ComparisonController() override;

    /**
     * Reads `path` as the model to compare with. On failure errorMessage holds the reader's
     * message (naming the file and place) and any comparison already running stays as it was.
     */
    bool start(const QString &path, QString *errorMessage);
    /** Drops the other model; ended() tells the views to remove what they show of it. */
    void end();

    bool isActive() const { return m_other.has_value(); }
    /** The other model's file name, as "since <file>" texts name it. */
    QString otherName() const { return m_otherName; }
    /** The other model as before, the document as after. Empty while inactive. */
    const DiffReport &report() const { return *m_report; }
    /** Neither content nor threats differ (layout-only changes do not count). */
    bool hasNoDifferences() const;
    /**
     * A threat subject's name as the editor shows it: from the open model, else (a subject that
     * was removed) from the other one; the id where neither names it.
     */
    QString subjectName(const std::string &subjectId) const;
    /** The outlines and ghosts the canvas shows for report(). */
    const QList<CanvasMark> &canvasMarks() const { return m_marks; }

    /** Recomputes on the next event-loop pass, once per burst of calls. */
    void queueRefresh();
    /** Recomputes now (tests, and right after start()). */
    void refreshNow();

Q_SIGNALS:
    /** A new report is in (also right after start()). */
    void updated();
    void ended();

private:
    void updateMarks();

    Current m_current;
    AnalysisController *m_analysis;
    std::optional<ThreatModel> m_other;
    QString m_otherName;
    std::vector<ThreatSnapshot> m_otherThreats;
    std::unique_ptr<DiffReport> m_report;
    QList<CanvasMark> m_marks;
    bool m_refreshQueued = false;
};

} // namespace bulkhead
