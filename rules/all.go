// Package rules holds hatcheck's rule catalogue: one file per rule, each rule a value
// (lint.Rule) with its documentation, and All listing them in one place.
package rules

import "github.com/hatcheck/hatcheck/lint"

// All is the rule catalogue in the order of SPEC §6: by principle, then as the
// specification lists them. `hatcheck rules` prints it in this order.
var All = []*lint.Rule{
	// ownership — the PO owns the backlog, the PM owns the dates
	RankChangedByNonPO,
	DateChangedByNonPM,
	PriorityChangedByNonPO,
	AcceptanceCriteriaMissing,
	DoneWithoutPOAcceptance,

	// value — items are ranked by value
	ValueMissing,
	RankValueInversion,
	SprintSkipsHigherValue,
	UnrankedItem,

	// scope — scope changes are formally approved
	SprintScopeUnapproved,
	EstimateChangedInSprint,
	ScopeAddedAfterBaseline,
	PlanTaskUnbaselined,
	UnplannedIssue,
	PlanKeyNotFound,
	ChangeRequestInvalid,

	// schedule — the PM's plan is consistent and current
	DueDateMismatch,
	PlanDatesInvalid,
	PlanDependencyViolated,
	PlanPredecessorUnknown,
	PlanDependencyCycle,
	PlanTaskUnowned,
	PlanTaskOverdue,
	BaselineSlip,
	StatusMismatch,
	PlanMissingLogic,
	PlanTaskTooLong,

	// roles and data
	RoleUnassigned,
	RoleConflation,
	HistoryIncomplete,
	FieldNotFound,
	InputValueInvalid,

	// housekeeping — the configuration's waivers
	WaiverExpired,
	WaiverUnused,
}
