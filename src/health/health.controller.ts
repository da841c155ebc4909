import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ApiProblems } from '../common/api-problems.decorator';

@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  /** 200 with `{"status":"ok","info":{"database":{"status":"up"}}}`; 503 when PostgreSQL does not answer. */
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Whether this instance and its database answer (for load balancers); needs no credentials' })
  @ApiProblems()
  check() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 2000 })]);
  }
}
