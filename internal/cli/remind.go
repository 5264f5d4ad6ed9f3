package cli

// remind is `visitline remind`: see internal/remind.
func (c Command) remind(args []string) int { return ExitUsage }
