package aircall

// CompanyService reads the Company the credentials belong to.
type CompanyService service
