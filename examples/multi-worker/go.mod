module github.com/aircall-go/aircall/examples/multi-worker

go 1.25.0

require (
	github.com/aircall-go/aircall v0.0.0
	github.com/aircall-go/aircall/redislimit v0.0.0
	github.com/redis/go-redis/v9 v9.22.0
	github.com/stretchr/testify v1.12.1
)

require (
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/go-redis/redis_rate/v10 v10.0.1 // indirect
	github.com/google/go-querystring v1.2.0 // indirect
	go.uber.org/atomic v1.11.0 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/sys v0.30.0 // indirect
	golang.org/x/time v0.15.0 // indirect
)

replace (
	github.com/aircall-go/aircall => ../..
	github.com/aircall-go/aircall/redislimit => ../../redislimit
)
