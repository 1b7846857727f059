// Command hatcheck lints the split of duties between a Product Owner and a Project Manager
// in a team's Jira issues and the PM's Excel plan.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
