package clockifytest

// RemoveWebhook deletes the webhook id of the default workspace, as an
// admin would in Clockify's UI, and reports whether it existed.
func (s *Server) RemoveWebhook(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	hooks := s.hooks[s.st.primary]
	if _, ok := hooks[id]; !ok {
		return false
	}
	delete(hooks, id)
	return true
}
